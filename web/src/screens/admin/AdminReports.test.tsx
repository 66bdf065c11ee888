import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const admin = () => json(200, makeMe({ username: 'root', role: 'owner' }));
const report = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  kind: 'comment',
  target_id: 'k1',
  owner: { username: 'bob', display_name: 'Bob' },
  reporter: { username: 'anna', display_name: 'Anna' },
  reason: 'harassment',
  details: 'He keeps doing this.',
  excerpt: 'You lift like a toddler',
  created_at: '2026-12-01T10:00:00Z',
  resolution: null,
  ...over,
});

describe('the reports queue', () => {
  it('shows what was reported and refuses to warn without a note', async () => {
    const resolved = report({ resolution: { action: 'warn', note: 'Be kind.', by: { username: 'root', display_name: '' }, at: '2026-12-02T09:00:00Z' } });
    let open = [report(), report({ id: 'r2', kind: 'workout', target_id: 'w7', excerpt: 'Leg day', reason: 'spam', details: '' })];
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': admin(),
      'GET /admin/reports': (call: Call) => json(200, { items: call.path.includes('status=resolved') ? [resolved] : open, next_cursor: null }),
      'POST /admin/reports/r1/resolve': [
        problem(422, 'validation_failed', { errors: [{ field: 'note', code: 'invalid', message: 'Say why.' }] }),
        (call: Call) => {
          open = open.filter((r) => r.id !== 'r1');
          return json(200, { ...report(), resolution: { action: (call.body as { action: string }).action, note: '', by: null, at: '2026-12-02T09:00:00Z' } });
        },
      ],
    });
    const { user } = renderApp('/admin/reports');
    const tabs = await screen.findByRole('navigation', { name: 'Administration' });
    expect(within(tabs).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    const queue = await screen.findByRole('list', { name: 'Open reports' });
    const [comment, workout] = within(queue).getAllByRole('listitem');
    expect(within(comment!).getByRole('heading', { name: 'Comment' })).toBeInTheDocument();
    expect(within(comment!).getByText('You lift like a toddler')).toBeInTheDocument();
    expect(within(comment!).getByText('Harassment')).toBeInTheDocument();
    expect(within(comment!).getByText('He keeps doing this.')).toBeInTheDocument();
    expect(within(comment!).getByRole('link', { name: 'Bob' })).toHaveAttribute('href', '/u/bob');
    expect(within(comment!).getByRole('link', { name: 'Anna' })).toHaveAttribute('href', '/u/anna');
    expect(within(workout!).getByRole('link', { name: 'Workout: Leg day' })).toHaveAttribute('href', '/workouts/w7');

    // Nothing chosen; then warn without a note: refused before anything is sent.
    await user.click(within(comment!).getByRole('button', { name: 'Resolve' }));
    expect(await within(comment!).findByText('Pick what to do.')).toBeInTheDocument();
    await user.click(within(comment!).getByRole('radio', { name: /Warn/ }));
    expect(within(comment!).getByText('Required: the member is shown it. Kept in the audit log.')).toBeInTheDocument();
    await user.click(within(comment!).getByRole('button', { name: 'Resolve' }));
    expect(await within(comment!).findByText('Write a note: the member is shown why.')).toBeInTheDocument();
    expect(within(comment!).getByLabelText('Note to the member')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // The server's own refusal lands on the note too; then hiding it succeeds.
    await user.click(within(comment!).getByRole('radio', { name: /Suspend/ }));
    await user.type(within(comment!).getByLabelText('Note to the member'), '   ');
    await user.click(within(comment!).getByRole('radio', { name: /Hide/ }));
    await user.click(within(comment!).getByRole('button', { name: 'Resolve' }));
    expect(await within(comment!).findByText('Write a note: the member is shown why.')).toBeInTheDocument();
    await user.click(within(comment!).getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Hidden: “You lift like a toddler”.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Open reports' })).getAllByRole('listitem')).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { action: 'hide', note: '' },
      { action: 'hide', note: '' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Resolved' }));
    const done = await screen.findByRole('list', { name: 'Resolved reports' });
    expect(within(done).getByText(/Member warned by @root/)).toBeInTheDocument();
    expect(within(done).getByText('Note: Be kind.')).toBeInTheDocument();
  });

  it('offers no hiding for a member, and says when someone else resolved it first', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': admin(),
      'GET /admin/reports': json(200, { items: [report({ kind: 'user', target_id: 'bob', excerpt: 'Bob (@bob)' })], next_cursor: null }),
      'POST /admin/reports/r1/resolve': problem(409, 'conflict'),
    });
    const { user } = renderApp('/admin/reports');
    const item = (await screen.findAllByRole('listitem')).find((li) => li.classList.contains('report-item'))!;
    expect(within(item).getByRole('link', { name: 'Member: Bob (@bob)' })).toHaveAttribute('href', '/u/bob');
    expect(within(item).queryByRole('radio', { name: /Hide/ })).not.toBeInTheDocument();
    await user.click(within(item).getByRole('radio', { name: /Dismiss/ }));
    await user.click(within(item).getByRole('button', { name: 'Resolve' }));
    expect(await within(item).findByText('Another administrator resolved this report already. The list is up to date now.')).toBeInTheDocument();
  });

  it('names voided and restored leaderboard results in the audit log', async () => {
    const entry = (id: string, action: string) => ({
      id,
      at: '2026-12-02T09:00:00Z',
      actor: { username: 'root', display_name: 'Root' },
      action,
      subject: { username: 'anna', display_name: 'Anna' },
      report_id: null,
      note: '',
    });
    mockApi({
      'GET /instance': instance(),
      'GET /me': admin(),
      'GET /admin/audit': json(200, { items: [entry('a1', 'result.void'), entry('a2', 'result.restore')], next_cursor: null }),
    });
    renderApp('/admin/audit');
    expect(await screen.findByText(/voided a leaderboard result of/)).toBeInTheDocument();
    expect(screen.getByText(/restored a leaderboard result of/)).toBeInTheDocument();
    expect(screen.queryByText('result.void')).not.toBeInTheDocument();
  });
});
