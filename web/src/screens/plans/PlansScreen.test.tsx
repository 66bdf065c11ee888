import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const summary = (id: string, title: string, over: Record<string, unknown> = {}) => ({
  id,
  owner_id: 'c1',
  title,
  goal: 'strength',
  tags: [],
  visibility: 'members',
  weeks: 1,
  days: 3,
  updated_at: '2026-11-01T10:00:00Z',
  version: 1,
  ...over,
});

/** Answers `GET /plans` by its scope, the way the server does. */
const byScope = (mine: unknown[], gym: unknown[]) => (call: Call) => {
  const scope = new URLSearchParams(call.path.split('?')[1]).get('scope');
  return json(200, { items: scope === 'gym' ? gym : mine, next_cursor: null });
};

describe('plans screen', () => {
  it('lists the plans shared with the gym, with their authors', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'bob' })),
      'GET /plans': byScope([], [summary('p1', 'Coach Kim’s 5×5', { author: { username: 'kim', display_name: 'Kim Lee' } }), summary('p2', 'Open strength', { author: { username: 'ann', display_name: '' }, visibility: 'public' })]),
    });
    const { user } = renderApp('/plans');
    expect(await screen.findByText(/You have no plans yet/)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Gym plans' }));
    const rows = await screen.findAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Coach Kim’s 5×5', 'Open strength']);
    expect(within(rows[0]!).getByText('by Kim Lee')).toBeInTheDocument();
    // No display name: the username stands in.
    expect(within(rows[1]!).getByText('by @ann')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Everyone')).toBeInTheDocument();
    expect(calls.some((c) => c.path.startsWith('/plans?') && c.path.includes('scope=gym'))).toBe(true);
  });

  it('says when nobody has shared a plan yet', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'bob' })),
      'GET /plans': byScope([], []),
    });
    const { user } = renderApp('/plans');
    await user.click(await screen.findByRole('tab', { name: 'Gym plans' }));
    expect(await screen.findByText(/Nobody has shared a plan with the gym yet/)).toBeInTheDocument();
  });
});
