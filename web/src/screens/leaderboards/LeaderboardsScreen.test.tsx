import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const place = (rank: number, username: string, display_name: string, value: number, set?: [string, string]) => ({
  rank,
  user: { username, display_name },
  value,
  workout_id: set?.[0] ?? null,
  set_id: set?.[1] ?? null,
});
const board = (over: Record<string, unknown> = {}) => ({
  metric: 'volume',
  period: 'week',
  scope: 'gym',
  exercise_id: null,
  unit: 'kg',
  period_start: '2026-11-30',
  period_end: '2026-12-06',
  entries: [place(1, 'mia', 'Mia', 12_000), place(2, 'bob', 'Bob', 9_000)],
  me: { rank: 7, value: 1000 },
  listed: true,
  ...over,
});
const noClubs = json(200, { items: [], next_cursor: null });
const boards = (calls: Call[]) => calls.filter((c) => c.path.startsWith('/leaderboards')).map((c) => c.path);
const imperial = { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } as const;

describe('leaderboards', () => {
  it('ranks the gym’s volume this week in the member’s units and pins their own place below the top', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: imperial })),
      'GET /clubs': noClubs,
      'GET /leaderboards': json(200, board()),
    });
    renderApp('/leaderboards');
    const list = await screen.findByRole('list', { name: 'Volume' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('1');
    expect(within(rows[0]!).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    expect(rows[0]).toHaveTextContent('26,455 lb');
    expect(rows[1]).toHaveTextContent('19,842 lb');
    const mine = within(screen.getByRole('list', { name: 'Your place' })).getByRole('listitem');
    expect(mine).toHaveTextContent('7');
    expect(mine).toHaveTextContent('You');
    expect(mine).toHaveTextContent('2,205 lb');
    expect(mine).toHaveAttribute('aria-current', 'true');
    expect(screen.getByText('Nov 30, 2026 – Dec 6, 2026')).toBeInTheDocument();
    expect(screen.queryByText(/Others do not see you here/)).toBeNull();
    expect(boards(calls)).toEqual(['/leaderboards?metric=volume&period=week&scope=gym&limit=50']);
  });

  it('tells a member who is not listed their result and how to appear', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs': noClubs,
      'GET /leaderboards': json(200, board({ metric: 'sessions', unit: 'sessions', entries: [place(1, 'mia', 'Mia', 5)], me: { rank: null, value: 3 }, listed: false })),
    });
    renderApp('/leaderboards?metric=sessions&period=month');
    const hint = await screen.findByText('Others do not see you here. Your result: 3 workouts.');
    expect(hint.parentElement).toHaveTextContent('turn on “Show me on leaderboards”');
    expect(screen.getByRole('link', { name: 'Privacy settings' })).toHaveAttribute('href', '/settings/privacy');
    expect(screen.queryByRole('list', { name: 'Your place' })).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Workouts' })).getByRole('listitem')).toHaveTextContent('5 workouts');
    expect(screen.getByRole('button', { name: 'This month', pressed: true })).toBeInTheDocument();
  });

  it('switches period and scope, one of the member’s clubs among them', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs': json(200, {
        items: [
          { id: 'c1', name: 'Morning Lifters', description: '', policy: 'open', members: 3, role: 'member', created_at: '2026-11-01T10:00:00Z' },
          { id: 'c2', name: 'Requested', description: '', policy: 'approval', members: 3, role: 'requested', created_at: '2026-11-01T10:00:00Z' },
        ],
        next_cursor: null,
      }),
      'GET /leaderboards': json(200, board()),
    });
    const { user } = renderApp('/leaderboards');
    await screen.findByRole('list', { name: 'Volume' });
    await user.click(screen.getByRole('button', { name: 'All time' }));
    const scope = screen.getByLabelText('Among');
    await waitFor(() => expect(within(scope).getAllByRole('option').map((o) => o.textContent)).toEqual(['The whole gym', 'People I follow', 'Morning Lifters']));
    await user.selectOptions(scope, 'club:c1');
    await waitFor(() => expect(boards(calls)).toContain('/leaderboards?metric=volume&period=all&scope=club%3Ac1&limit=50'));
    expect(boards(calls)).toContain('/leaderboards?metric=volume&period=all&scope=gym&limit=50');
  });

  it('asks for an exercise before ranking e1RM, and lets an administrator void a result', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ role: 'admin' })),
      'GET /clubs': noClubs,
      'GET /exercises/e1': json(200, { id: 'e1', name_en: 'Squat', name_ru: 'Присед', aliases_en: [], aliases_ru: [], primary: [], secondary: [], equipment: 'barbell', category: 'strength', logging: 'weight_reps', scope: 'builtin', instructions: [] }),
      'GET /leaderboards': json(200, board({ metric: 'e1rm', period: 'all', unit: 'kg', exercise_id: 'e1', period_start: null, period_end: null, entries: [place(1, 'mia', 'Mia', 412.5, ['w1', 's1'])], me: null })),
      'POST /workouts/w1/sets/s1/void': noContent(),
    });
    const { user } = renderApp('/leaderboards');
    await screen.findByRole('list', { name: 'Volume' });
    await user.selectOptions(screen.getByLabelText('Rank by'), 'e1rm');
    expect(await screen.findByText('Choose an exercise to rank estimated one-rep maxes.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Period' })).toBeNull();
    expect(boards(calls)).toEqual(['/leaderboards?metric=volume&period=week&scope=gym&limit=50']);

    renderApp('/leaderboards?metric=e1rm&scope=gym&exercise=e1');
    const list = await screen.findByRole('list', { name: 'Estimated 1RM' });
    expect(await screen.findByText('Squat')).toBeInTheDocument();
    expect(within(list).getByRole('listitem')).toHaveTextContent('412.5 kg');
    expect(screen.getByText('You have no result on this board yet.')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: 'Void the result of Mia' }));
    const dialog = await screen.findByRole('dialog', { name: 'Void this result?' });
    expect(dialog).toHaveTextContent('Mia’s 412.5 kg will no longer count');
    await user.click(within(dialog).getByRole('button', { name: 'Void result' }));
    expect(await screen.findByText('The result was voided.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/workouts/w1/sets/s1/void']);
  });

  it('offers no void action to members', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs': noClubs,
      'GET /exercises/e1': json(200, { id: 'e1', name_en: 'Squat', name_ru: 'Присед', aliases_en: [], aliases_ru: [], primary: [], secondary: [], equipment: 'barbell', category: 'strength', logging: 'weight_reps', scope: 'builtin', instructions: [] }),
      'GET /leaderboards': json(200, board({ metric: 'e1rm', unit: 'kg', entries: [place(1, 'mia', 'Mia', 140, ['w1', 's1'])], me: null })),
    });
    renderApp('/leaderboards?metric=e1rm&exercise=e1');
    const list = await screen.findByRole('list', { name: 'Estimated 1RM' });
    expect(within(list).queryByRole('button')).toBeNull();
  });
});
