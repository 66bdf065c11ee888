import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WorkoutDetail } from '../../api/types';
import { instance, json, makeMe, mockApi, noContent, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

function theirs(id = 'w9', userId = 'u9') {
  return {
    workout: { id, user_id: userId, title: 'Leg day', notes: '', started_at: '2026-11-20T17:00:00Z', finished_at: '2026-11-20T18:00:00Z', duration_s: 3600, visibility: 'members', set_count: 0, volume_kg: 0, records_hit: 0, version: 1 },
    sets: [],
    plan_day: null,
    previous: [],
    owner: { username: 'mia', display_name: 'Mia' },
  } as unknown as WorkoutDetail;
}

const comment = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  author: { username: 'bob', display_name: 'Bob' },
  body: 'Nice one @mia, see you @kim.',
  created_at: '2026-11-20T19:00:00Z',
  edited_at: null,
  can_edit: false,
  can_delete: false,
  ...over,
});
const comments = (items: unknown[]) => json(200, { items, next_cursor: null });
const base = (over: Record<string, unknown> = {}) => ({
  'GET /instance': instance(),
  'GET /me': json(200, makeMe({ id: 'u1', username: 'alice' })),
  'GET /workouts/w9': json(200, theirs()),
  'GET /workouts/w9/kudos': json(200, { kudos: 2, comments: 1, kudoed: false }),
  ...over,
});

describe('kudos and comments on a workout', () => {
  it('lists the comments with mentions as links, and kudos someone else’s workout', async () => {
    mockApi(
      base({
        'GET /workouts/w9/comments': comments([comment()]),
        'POST /workouts/w9/kudos': json(200, { kudos: 3, comments: 1, kudoed: true }),
      }),
    );
    const { user } = renderApp('/workouts/w9');
    const section = await screen.findByRole('region', { name: '1 comment' });
    const item = await within(section).findByRole('listitem');
    expect(within(item).getByRole('link', { name: 'Bob' })).toHaveAttribute('href', '/u/bob');
    expect(within(item).getByRole('link', { name: '@mia' })).toHaveAttribute('href', '/u/mia');
    expect(within(item).getByRole('link', { name: '@kim' })).toHaveAttribute('href', '/u/kim');
    expect(item).toHaveTextContent('Nice one @mia, see you @kim.');
    // Someone else's comment: no edit or delete, only a report.
    expect(within(item).queryByRole('button', { name: /Edit|Delete/ })).not.toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Report the comment by Bob' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kudos 2', pressed: false }));
    expect(await screen.findByRole('button', { name: 'Kudos 3', pressed: true })).toBeInTheDocument();
  });

  it('checks a comment before sending it and shows the server’s objection at the field', async () => {
    const calls = mockApi(
      base({
        'GET /workouts/w9/comments': [comments([]), comments([comment({ id: 'c2', author: { username: 'alice', display_name: 'Alice' }, body: 'Well done', can_edit: true, can_delete: true })])],
        'POST /workouts/w9/comments': [
          problem(422, 'validation_failed', { errors: [{ field: 'body', code: 'invalid', message: 'A comment may not contain control characters.' }] }),
          (c: Call) => json(201, comment({ id: 'c2', body: (c.body as { body: string }).body })),
        ],
      }),
    );
    const { user } = renderApp('/workouts/w9');
    const section = await screen.findByRole('region', { name: /comment/ });
    expect(await within(section).findByText('No comments yet. Be the first to say something.')).toBeInTheDocument();
    const field = within(section).getByLabelText('Add a comment');
    const post = within(section).getByRole('button', { name: 'Post' });

    await user.click(post);
    expect(within(section).getByRole('alert')).toHaveTextContent('Write something first.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.type(field, '   ');
    await user.click(post);
    expect(within(section).getByRole('alert')).toHaveTextContent('Write something first.');

    await user.clear(field);
    await user.click(field);
    await user.paste('x'.repeat(2001));
    expect(within(section).queryByText(/characters? left/)).not.toBeInTheDocument();
    await user.click(post);
    expect(within(section).getByRole('alert')).toHaveTextContent('A comment is at most 2,000 characters; this one has 2001.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(field);
    await user.type(field, 'Well done');
    await user.click(post);
    expect(await within(section).findByRole('alert')).toHaveTextContent('Write a comment of 1 to 2,000 characters.');
    await user.click(post);
    expect(await within(section).findByText('Well done', { selector: '.comment-body *' })).toBeInTheDocument();
    expect(field).toHaveValue('');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ body: 'Well done' }, { body: 'Well done' }]);
  });

  it('edits one’s own comment and deletes after a confirmation', async () => {
    const mine = comment({ author: { username: 'alice', display_name: 'Alice' }, body: 'Godo job', can_edit: true, can_delete: true });
    const calls = mockApi(
      base({
        'GET /workouts/w9/comments': [comments([mine]), comments([{ ...mine, body: 'Good job', edited_at: '2026-11-20T19:05:00Z' }]), comments([])],
        'PATCH /comments/c1': json(200, { ...mine, body: 'Good job', edited_at: '2026-11-20T19:05:00Z' }),
        'DELETE /comments/c1': noContent(),
      }),
    );
    const { user } = renderApp('/workouts/w9');
    const section = await screen.findByRole('region', { name: /comment/ });
    await user.click(await within(section).findByRole('button', { name: 'Edit your comment' }));
    const edit = within(section).getByLabelText('Your comment');
    expect(edit).toHaveValue('Godo job');
    await user.clear(edit);
    await user.type(edit, 'Good job');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(await within(section).findByText('Good job')).toBeInTheDocument();
    expect(within(section).getByText(/edited/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Delete the comment by Alice' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this comment?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(section).findByText('No comments yet. Be the first to say something.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual(['PATCH /comments/c1', 'DELETE /comments/c1']);
  });

  it('shows its owner the kudos count, no button, and lets them delete others’ comments', async () => {
    mockApi(
      base({
        'GET /workouts/w9': json(200, theirs('w9', 'u1')),
        'GET /workouts/w9/comments': comments([comment({ can_delete: true })]),
      }),
    );
    renderApp('/workouts/w9');
    const section = await screen.findByRole('region', { name: '1 comment' });
    expect(await within(section).findByRole('button', { name: 'Delete the comment by Bob' })).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Edit/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('2 kudos')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /^Kudos/ })).not.toBeInTheDocument();
  });
});
