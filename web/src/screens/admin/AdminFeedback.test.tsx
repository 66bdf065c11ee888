import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

type Item = ReturnType<typeof feedback>;
const feedback = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'bug' as string,
  message: 'The timer stops when the phone locks.',
  screen: '/workouts/w1' as string | null,
  status: 'new' as string,
  answer: null as string | null,
  answered_at: null as string | null,
  created_at: '2026-12-01T10:00:00Z',
  author: { username: 'anna', display_name: 'Anna' } as { username: string; display_name: string } | null,
  ...over,
});

describe('the feedback inbox', () => {
  it('lists feedback by status, moves it and answers it', async () => {
    let items: Item[] = [feedback('f1'), feedback('f2', { kind: 'idea', message: 'Kettlebell plates!', screen: null, author: null })];
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'owner' })),
      'GET /admin/feedback': (c: Call) => {
        const status = new URLSearchParams(c.path.split('?')[1]).get('status');
        return json(200, { items: items.filter((f) => f.status === status), next_cursor: null });
      },
      'PATCH /admin/feedback/f1': [
        problem(422, 'validation_failed', { errors: [{ field: 'answer', code: 'invalid', message: 'Too long.' }] }),
        (c: Call) => {
          items = items.map((f) => (f.id === 'f1' ? { ...f, ...(c.body as object), answered_at: '2026-12-02T10:00:00Z' } : f));
          return json(200, items[0]);
        },
      ],
      'PATCH /admin/feedback/f2': (c: Call) => {
        items = items.map((f) => (f.id === 'f2' ? { ...f, ...(c.body as object) } : f));
        return json(200, items[1]);
      },
    });
    const { user } = renderApp('/admin/feedback');
    const tabs = await screen.findByRole('navigation', { name: 'Administration' });
    expect(within(tabs).getByRole('link', { name: 'Feedback' })).toHaveAttribute('aria-current', 'page');
    const list = await screen.findByRole('list', { name: 'Feedback: New' });
    const [bug, idea] = within(list).getAllByRole('listitem');
    expect(within(bug!).getByRole('heading', { name: 'Bug report from Anna' })).toBeInTheDocument();
    expect(within(bug!).getByRole('link', { name: '@anna' })).toHaveAttribute('href', '/u/anna');
    expect(within(bug!).getByRole('link', { name: '/workouts/w1' })).toHaveAttribute('href', '/workouts/w1');
    expect(within(bug!).getByText('The timer stops when the phone locks.')).toBeInTheDocument();
    expect(within(idea!).getByRole('heading', { name: 'Idea from a deleted account' })).toBeInTheDocument();

    // An answer: refused, then sent; the member is told.
    const answer = within(bug!).getByLabelText('Answer');
    expect(within(bug!).getByRole('button', { name: 'Send answer' })).toBeDisabled();
    await user.type(answer, 'Fixed in the next version.');
    await user.click(within(bug!).getByRole('button', { name: 'Send answer' }));
    expect(await within(bug!).findByText('Too long.')).toBeInTheDocument();
    await user.click(within(bug!).getByRole('button', { name: 'Send answer' }));
    expect(await within(bug!).findByText('Answer saved. The member is notified.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ answer: 'Fixed in the next version.' }, { answer: 'Fixed in the next version.' }]);
    await waitFor(() => expect(within(bug!).getByLabelText('Your answer')).toHaveValue('Fixed in the next version.'));

    // A new status moves it to that list.
    await user.selectOptions(within(idea!).getByLabelText('Status'), 'planned');
    expect(await screen.findByText('Moved to “Planned”.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Feedback: New' })).getAllByRole('listitem')).toHaveLength(1));
    expect(calls.find((c) => c.path === '/admin/feedback/f2')!.body).toEqual({ status: 'planned' });

    await user.click(screen.getByRole('button', { name: 'Planned' }));
    const planned = await screen.findByRole('list', { name: 'Feedback: Planned' });
    expect(within(planned).getByText('Kettlebell plates!')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Nothing done yet.')).toBeInTheDocument();
  });

  it('removes an answer, and shows why a change failed', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'admin' })),
      'GET /admin/feedback': json(200, { items: [feedback('f1', { answer: 'Soon.', answered_at: '2026-12-02T10:00:00Z' })], next_cursor: null }),
      'PATCH /admin/feedback/f1': problem(404, 'not_found'),
    });
    const { user } = renderApp('/admin/feedback');
    const item = (await screen.findAllByRole('listitem')).find((li) => li.classList.contains('feedback-item'))!;
    expect(within(item).getByRole('button', { name: 'Save answer' })).toBeDisabled();
    await user.clear(within(item).getByLabelText('Your answer'));
    await user.click(within(item).getByRole('button', { name: 'Remove answer' }));
    expect(await within(item).findByText('That no longer exists.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ answer: '' });
    await user.selectOptions(within(item).getByLabelText('Status'), 'done');
    expect(await within(item).findAllByText('That no longer exists.')).toHaveLength(2);
  });

  it('says when the inbox cannot be loaded', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe({ role: 'admin' })), 'GET /admin/feedback': problem(403, 'forbidden') });
    renderApp('/admin/feedback');
    expect(await screen.findByText('You are not allowed to do that.')).toBeInTheDocument();
  });
});
