import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeQueryClient } from '../../lib/queryClient';
import { json, mockApi, problem } from '../../test/mockApi';
import { ReportButton } from './ReportButton';

function renderButton(props: Parameters<typeof ReportButton>[0]) {
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <ReportButton {...props} />
    </QueryClientProvider>,
  );
  return user;
}

const report = { id: 'r1', kind: 'workout', target_id: 'w1', reason: 'spam', details: '', excerpt: 'Leg day', created_at: '2026-12-01T10:00:00Z' };

describe('ReportDialog', () => {
  it('needs a reason, sends it with the details and thanks the member', async () => {
    const calls = mockApi({ 'POST /reports': json(201, report) });
    const user = renderButton({ kind: 'workout', id: 'w1', label: 'Leg day' });
    await user.click(screen.getByRole('button', { name: 'Report the workout “Leg day”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report the workout “Leg day”' });
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Pick a reason.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.click(within(dialog).getByRole('radio', { name: /Unsafe advice/ }));
    await user.type(within(dialog).getByLabelText('Details (optional)'), '  Deadlifts with a rounded back.  ');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Thanks — the gym’s administrators will look at it.')).toBeInTheDocument();
    expect(calls[0]!.body).toEqual({ kind: 'workout', id: 'w1', reason: 'unsafe', details: 'Deadlifts with a rounded back.' });

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Opened again, it starts afresh.
    await user.click(screen.getByRole('button', { name: 'Report the workout “Leg day”' }));
    const again = await screen.findByRole('dialog', { name: 'Report the workout “Leg day”' });
    expect(within(again).getByRole('radio', { name: /Unsafe advice/ })).not.toBeChecked();
  });

  it('says one cannot report oneself, and when the item is gone', async () => {
    mockApi({
      'POST /reports': [
        problem(422, 'validation_failed', { errors: [{ field: 'id', code: 'own_item', message: 'You cannot report yourself or your own content.' }] }),
        problem(404, 'not_found'),
      ],
    });
    const user = renderButton({ kind: 'user', id: 'alice', label: '@alice' });
    await user.click(screen.getByRole('button', { name: 'Report @alice' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report @alice' });
    await user.click(within(dialog).getByRole('radio', { name: /Impersonation/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('You cannot report yourself or your own content.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('This is no longer there, or you may not see it any more.')).toBeInTheDocument();
  });
});
