import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const workout = (userId: string) => ({
  workout: { id: 'w9', user_id: userId, title: 'Leg day', notes: '', started_at: '2026-11-20T17:00:00Z', finished_at: '2026-11-20T18:00:00Z', duration_s: 3600, visibility: 'members', set_count: 0, volume_kg: 0, records_hit: 0, version: 1 },
  sets: [],
  plan_day: null,
  previous: [],
  owner: { username: 'mia', display_name: 'Mia' },
});
const comment = (id: string, username: string, name: string, mine: boolean) => ({
  id,
  author: { username, display_name: name },
  body: `Said by ${name}`,
  created_at: '2026-11-20T19:00:00Z',
  edited_at: null,
  can_edit: mine,
  can_delete: mine,
});

describe('where members report', () => {
  it('offers to report someone else’s workout and comments, never one’s own', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'alice' })),
      'GET /workouts/w9': json(200, workout('u9')),
      'GET /workouts/w9/kudos': json(200, { kudos: 0, comments: 2, kudoed: false }),
      'GET /workouts/w9/comments': json(200, { items: [comment('k1', 'bob', 'Bob', false), comment('k2', 'alice', 'Alice', true)], next_cursor: null }),
      'POST /reports': json(201, { id: 'r1' }),
    });
    const { user } = renderApp('/workouts/w9');
    expect(await screen.findByRole('button', { name: 'Report the workout “Leg day”' })).toBeInTheDocument();
    const section = await screen.findByRole('region', { name: '2 comments' });
    const [bobs, mine] = await within(section).findAllByRole('listitem');
    expect(within(mine!).queryByRole('button', { name: /^Report/ })).not.toBeInTheDocument();
    await user.click(within(bobs!).getByRole('button', { name: 'Report the comment by Bob' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report the comment by Bob' });
    await user.click(within(dialog).getByRole('radio', { name: /Harassment/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Thanks — the gym’s administrators will look at it.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ kind: 'comment', id: 'k1', reason: 'harassment', details: '' });
  });

  it('offers nothing to report on one’s own finished workout', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u9', username: 'mia' })),
      'GET /workouts/w9': json(200, workout('u9')),
      'GET /workouts/w9/kudos': json(200, { kudos: 0, comments: 0, kudoed: false }),
      'GET /workouts/w9/comments': json(200, { items: [], next_cursor: null }),
    });
    renderApp('/workouts/w9');
    expect(await screen.findByText('No comments yet. Be the first to say something.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Report/ })).not.toBeInTheDocument();
  });
});
