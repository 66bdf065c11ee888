import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const challenge = (over: Record<string, unknown> = {}) => ({
  id: 'ch1',
  title: 'December volume',
  description: 'Lift together.',
  scope: 'gym',
  club_name: null,
  metric: 'volume',
  exercise_id: null,
  kind: 'goal',
  goal: 10_000,
  start_date: '2026-12-01',
  end_date: '2026-12-31',
  timezone: 'UTC',
  starts_at: '2026-12-01T00:00:00Z',
  ends_at: '2027-01-01T00:00:00Z',
  status: 'active',
  participants: 4,
  joined: false,
  my_value: null,
  creator: { username: 'kim', display_name: 'Coach Kim' },
  finalized: false,
  winners: [],
  finishers: null,
  may_edit: false,
  ...over,
});
const page = (items: unknown[]) => json(200, { items, next_before: null });
const noClubs = json(200, { items: [], next_cursor: null });
const lists = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && c.path.startsWith('/challenges?')).map((c) => c.path);
const imperial = { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } as const;

describe('challenges', () => {
  it('lists running challenges with their rule, dates and people, and joins one', async () => {
    let joined = false;
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /clubs': noClubs,
      'GET /challenges': (c) =>
        c.path.includes('status=upcoming') ? page([]) : page([joined ? challenge({ joined: true, my_value: 2500, participants: 5 }) : challenge(), challenge({ id: 'ch2', title: 'Club sprint', scope: 'club:c1', club_name: 'Runners', metric: 'distance', kind: 'race', goal: null })]),
      'POST /challenges/ch1/join': () => {
        joined = true;
        return json(200, challenge({ joined: true, my_value: 2500, participants: 5 }));
      },
    });
    const { user } = renderApp('/challenges');
    const card = await screen.findByRole('article', { name: 'December volume' });
    expect(within(card).getByRole('link', { name: 'December volume' })).toHaveAttribute('href', '/challenges/ch1');
    expect(card).toHaveTextContent('Whole gym');
    expect(card).toHaveTextContent('Volume · goal: 10,000 kg');
    expect(card).toHaveTextContent('Dec 1, 2026 – Dec 31, 2026 · 4 participants');
    const race = screen.getByRole('article', { name: 'Club sprint' });
    expect(race).toHaveTextContent('Runners');
    expect(race).toHaveTextContent('Distance · race: the most by the last day wins');
    // Only coaches and club admins set challenges.
    expect(screen.queryByRole('button', { name: 'New challenge' })).toBeNull();

    await user.click(within(card).getByRole('button', { name: 'Join December volume' }));
    expect(await within(card).findByText('Joined')).toBeInTheDocument();
    expect(card).toHaveTextContent('5 participants');
    expect(card).toHaveTextContent('Your progress: 2,500 kg of 10,000 kg');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/challenges/ch1/join']);

    await user.click(screen.getByRole('button', { name: 'Upcoming' }));
    expect(await screen.findByText('No challenge is planned yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(lists(calls)).toContain('/challenges?joined=true'));
    expect(lists(calls)).toContain('/challenges?status=active');
    expect(lists(calls)).toContain('/challenges?status=upcoming');
  });

  it('shows one’s progress towards the goal in one’s units, and leaves after confirming', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: imperial })),
      'GET /clubs': noClubs,
      'GET /challenges': page([challenge({ joined: true, my_value: 2500 })]),
      'POST /challenges/ch1/leave': noContent(),
    });
    const { user } = renderApp('/challenges');
    const card = await screen.findByRole('article', { name: 'December volume' });
    expect(card).toHaveTextContent('Volume · goal: 22,046 lb');
    const bar = within(card).getByRole('progressbar', { name: 'Your progress:' });
    expect(bar).toHaveAttribute('aria-valuenow', '2500');
    expect(bar).toHaveAttribute('aria-valuemax', '10000');
    expect(bar).toHaveAttribute('aria-valuetext', '5,512 lb of 22,046 lb');
    await user.click(within(card).getByRole('button', { name: 'Leave December volume' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave “December volume”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/challenges/ch1/leave']));
  });

  it('checks the new challenge form before sending and converts the goal from the member’s units', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ role: 'coach', preferences: imperial })),
      'GET /clubs': json(200, {
        items: [
          { id: 'c1', name: 'Runners', description: '', policy: 'open', members: 3, role: 'admin', created_at: '2026-11-01T10:00:00Z' },
          { id: 'c2', name: 'Lifters', description: '', policy: 'open', members: 3, role: 'member', created_at: '2026-11-01T10:00:00Z' },
        ],
        next_cursor: null,
      }),
      'GET /challenges': page([]),
      'POST /challenges': [
        problem(403, 'forbidden'),
        json(201, challenge({ id: 'ch9', title: 'Tonnage', scope: 'club:c1', club_name: 'Runners', goal: 4535.924, may_edit: true })),
      ],
      'GET /challenges/ch9': json(200, challenge({ id: 'ch9', title: 'Tonnage', scope: 'club:c1', club_name: 'Runners', goal: 4535.924, may_edit: true })),
      'GET /challenges/ch9/standings': json(200, { challenge: challenge({ id: 'ch9' }), entries: [], me: null, listed: true }),
    });
    const app = renderApp('/challenges');
    const { user } = app;
    await user.click(await screen.findByRole('button', { name: 'New challenge' }));
    const form = screen.getByRole('region', { name: 'New challenge' });
    const scope = within(form).getByLabelText('For');
    // The gym (a coach) and the clubs one administers.
    await waitFor(() => expect(within(scope).getAllByRole('option').map((o) => o.textContent)).toEqual(['Whole gym', 'Club: Runners']));
    const start = within(form).getByLabelText('First day') as HTMLInputElement;
    const end = within(form).getByLabelText('Last day') as HTMLInputElement;
    expect(start.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((Date.parse(end.value) - Date.parse(start.value)) / 86_400_000).toBe(6);
    const submit = within(form).getByRole('button', { name: 'Create challenge' });

    await user.click(submit);
    expect(within(form).getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByText('Enter a whole number above zero.')).toBeInTheDocument();

    await user.type(within(form).getByLabelText('Title'), 'Tonnage');
    await user.selectOptions(within(form).getByLabelText('What counts'), 'exercise_sets');
    await user.type(within(form).getByLabelText('Goal (sets)'), '2.5');
    await user.clear(end);
    await user.type(end, '2020-01-01');
    await user.click(submit);
    expect(within(form).getByText('Choose the exercise whose sets count.')).toBeInTheDocument();
    expect(within(form).getByText('Enter a whole number above zero.')).toBeInTheDocument();
    expect(within(form).getByText('The last day can’t be before the first.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.selectOptions(within(form).getByLabelText('What counts'), 'volume');
    const goal = within(form).getByLabelText('Goal (lb)');
    await user.clear(goal);
    await user.type(goal, '10000');
    await user.clear(end);
    await user.type(end, '2099-01-01');
    await user.click(submit);
    expect(within(form).getByText('A challenge runs at most 366 days.')).toBeInTheDocument();
    await user.clear(end);
    await user.type(end, start.value);
    await user.selectOptions(scope, 'club:c1');
    await user.click(within(form).getByRole('radio', { name: /Race/ }));
    expect(within(form).queryByLabelText('Goal (lb)')).toBeNull();
    await user.click(within(form).getByRole('radio', { name: /Goal/ }));

    await user.click(submit);
    expect(await within(form).findByText(/Gym-wide challenges are set by coaches and administrators/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      title: 'Tonnage',
      description: '',
      scope: 'club:c1',
      metric: 'volume',
      kind: 'goal',
      goal: 4535.924,
      start_date: start.value,
      end_date: start.value,
    });
    await user.click(submit);
    await waitFor(() => expect(app.path()).toBe('/challenges/ch9'));
    expect(await screen.findByText('Challenge created. Share it with your members.')).toBeInTheDocument();
  });

  it('shows a finished challenge’s winners and final standings with one’s own place pinned', async () => {
    const ended = challenge({
      status: 'ended',
      kind: 'race',
      goal: null,
      joined: true,
      my_value: 800,
      finalized: true,
      winners: [{ username: 'mia', display_name: 'Mia' }],
    });
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /challenges/ch1': json(200, ended),
      'GET /challenges/ch1/standings': json(200, {
        challenge: ended,
        entries: [
          { rank: 1, user: { username: 'mia', display_name: 'Mia' }, value: 12_000 },
          { rank: 2, user: { username: 'bob', display_name: 'Bob' }, value: 9_000 },
        ],
        me: { rank: 5, value: 800 },
        listed: true,
      }),
    });
    renderApp('/challenges/ch1');
    expect(await screen.findByRole('heading', { name: 'December volume', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Lift together.')).toBeInTheDocument();
    expect(screen.getByText('Set by Coach Kim')).toBeInTheDocument();
    const results = screen.getByRole('region', { name: 'Results' });
    expect(within(results).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    expect(within(results).getByText('Winner')).toBeInTheDocument();
    const standings = await screen.findByRole('region', { name: 'Final standings' });
    expect(within(standings).getByRole('list', { name: 'Standings' })).toHaveTextContent('12,000 kg');
    const mine = within(within(standings).getByRole('list', { name: 'Your place' })).getByRole('listitem');
    expect(mine).toHaveTextContent('5');
    expect(mine).toHaveTextContent('800 kg');
    // Over: no joining, leaving or editing.
    expect(screen.queryByRole('button', { name: /Leave|Join|Edit/ })).toBeNull();
  });

  it('lets its creator change a running challenge’s title and last day only', async () => {
    const running = challenge({ may_edit: true });
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'kim', role: 'coach' })),
      'GET /challenges/ch1': [json(200, running), json(200, challenge({ may_edit: true, title: 'December tonnage' }))],
      'GET /challenges/ch1/standings': json(200, { challenge: running, entries: [], me: null, listed: true }),
      'PATCH /challenges/ch1': [problem(409, 'challenge_ended'), json(200, challenge({ may_edit: true, title: 'December tonnage' }))],
    });
    const { user } = renderApp('/challenges/ch1');
    expect(await screen.findByText('Nobody has a result yet.')).toBeInTheDocument();
    expect(screen.getByText('Join to appear in the standings.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('region', { name: 'Edit the challenge' });
    expect(within(form).queryByLabelText('First day')).toBeNull();
    expect(within(form).queryByLabelText(/^Goal/)).toBeNull();
    expect(within(form).queryByLabelText('What counts')).toBeNull();
    const title = within(form).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'December tonnage');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('This challenge has ended: its results are final.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'December tonnage', level: 1 })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ title: 'December tonnage', description: 'Lift together.', end_date: '2026-12-31' });
  });
});

describe('challenges in Russian', () => {
  it('uses Russian plural forms and the gym’s words', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /clubs': noClubs,
      'GET /challenges': page([
        challenge({ participants: 5, metric: 'sessions', goal: 12 }),
        challenge({ id: 'ch2', title: 'Подходы', participants: 22, metric: 'exercise_sets', goal: 3, joined: true, my_value: 1 }),
      ]),
    });
    renderApp('/challenges');
    const first = await screen.findByRole('article', { name: 'December volume' });
    expect(first).toHaveTextContent('Тренировки · цель: 12 тренировок');
    expect(first).toHaveTextContent('5 участников');
    expect(first).toHaveTextContent('Весь зал');
    const second = screen.getByRole('article', { name: 'Подходы' });
    expect(second).toHaveTextContent('22 участника');
    // Counted forms stay in the nominative: "1 подход, цель — 3 подхода", not "из 3 подхода".
    expect(second).toHaveTextContent('Ваш прогресс: 1 подход, цель — 3 подхода');
    expect(screen.getByRole('button', { name: 'Идут', pressed: true })).toBeInTheDocument();
  });
});
