import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { exercise } from '../exercises/fixtures.test-data';

const BENCH = exercise('bench', 'Bench Press (Barbell)', 'Жим штанги лёжа');

const plan = (over: Record<string, unknown> = {}) => ({
  id: 'p1',
  owner_id: 'u1',
  title: 'Strength',
  description: '',
  tags: [],
  goal: 'strength',
  visibility: 'public',
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  version: 3,
  weeks: [{ days: [{ name: 'Day A', notes: '', exercises: [{ exercise_id: 'bench', notes: '', sets: [{ kind: 'normal', reps: { min: 5, max: 5, amrap: false }, rest_s: 90 }] }] }] }],
  ...over,
});

const summary = { id: 'p1', title: 'Strength', owner_id: 'u1', visibility: 'public', goal: 'strength', tags: [], updated_at: '2026-11-01T10:00:00Z' };
const assignment = (id: string, member: string, coach: string, over: Record<string, unknown> = {}) => ({
  id,
  plan: summary,
  coach,
  member,
  start_date: '2026-11-02',
  days_done: 4,
  created_at: '2026-11-01T10:00:00Z',
  ...over,
});

describe('plan detail: who follows the plan', () => {
  it('lists the server’s assignments and ends the ones the coach made', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'kim', role: 'coach' })),
      'GET /plans/p1': json(200, plan()),
      'GET /exercises/bench': json(200, BENCH),
      'GET /plans/p1/assignments': [
        json(200, { items: [assignment('a1', 'mia', 'kim'), assignment('a2', 'bob', 'ann', { days_done: 1 })] }),
        json(200, { items: [assignment('a2', 'bob', 'ann', { days_done: 1 })] }),
      ],
      'DELETE /assignments/a1': noContent(),
      'GET /coach/members': json(200, { items: [] }),
    });
    const { user } = renderApp('/plans/p1');
    const list = await screen.findByRole('region', { name: 'Assigned to' });
    const rows = await within(list).findAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['@mia', '@bob']);
    expect(within(rows[0]!).getByText('4 days done')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('assigned by @ann')).toBeInTheDocument();
    // Only the coach who assigned (or an administrator) may end an assignment.
    expect(within(rows[1]!).queryByRole('button')).not.toBeInTheDocument();

    await user.click(within(rows[0]!).getByRole('button', { name: 'End @mia’s plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'End @mia’s plan?' });
    await user.click(within(dialog).getByRole('button', { name: 'End' }));
    await waitFor(() => expect(within(list).queryByText('@mia')).not.toBeInTheDocument());
    expect(within(list).getByText('@bob')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/assignments/a1')).toBe(true);
    // My members (and the warning before assigning) read the members' plans from there.
    const ended = calls.findIndex((c) => c.method === 'DELETE');
    await waitFor(() => expect(calls.slice(ended).some((c) => c.path === '/coach/members')).toBe(true));
  });

  it('explains refused usernames by the field error code and refreshes the list after assigning', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'kim', role: 'coach' })),
      'GET /plans/p1': json(200, plan()),
      'GET /exercises/bench': json(200, BENCH),
      'GET /search': json(200, { items: [] }),
      'GET /plans/p1/assignments': [json(200, { items: [] }), json(200, { items: [assignment('a3', 'mia', 'kim')] })],
      'POST /plans/p1/assignments': [
        // The wording is the server's and may change; the code is what the form acts on.
        problem(422, 'validation_failed', { errors: [{ field: 'username', code: 'user_disabled', message: 'Account switched off.' }] }),
        problem(422, 'validation_failed', { errors: [{ field: 'username', code: 'unknown_user', message: 'Not a disabled member.' }] }),
        json(201, assignment('a3', 'mia', 'kim')),
      ],
    });
    const { user } = renderApp('/plans/p1');
    const list = await screen.findByRole('region', { name: 'Assigned to' });
    expect(await within(list).findByText('Nobody follows this plan yet.')).toBeInTheDocument();
    const member = screen.getByLabelText('Member');

    await user.type(member, 'zed');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText('This account is disabled.')).toBeInTheDocument();
    expect(member).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText('There is no member with that username.')).toBeInTheDocument();

    await user.clear(member);
    await user.type(member, '@mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText(/^Assigned to @mia from /)).toBeInTheDocument();
    expect(await within(list).findByText('@mia')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST' && c.path === '/plans/p1/assignments');
    expect(posts.at(-1)!.body).toMatchObject({ username: 'mia' });
  });

  it('shows followers to a member who wrote the plan, and asks nothing for someone else’s plan', async () => {
    const mine = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'mia', role: 'member' })),
      'GET /plans/p1': json(200, plan({ author: { username: 'mia', display_name: 'Mia' } })),
      'GET /exercises/bench': json(200, BENCH),
      'GET /plans/p1/assignments': json(200, { items: [assignment('a4', 'bob', 'kim')] }),
    });
    const first = renderApp('/plans/p1');
    const list = await screen.findByRole('region', { name: 'Assigned to' });
    expect(await within(list).findByText('@bob')).toBeInTheDocument();
    expect(screen.queryByLabelText('Member')).not.toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: /^End/ })).not.toBeInTheDocument();
    expect(mine.some((c) => c.path === '/plans/p1/assignments')).toBe(true);
    // Your own plan does not name you as its author.
    expect(screen.queryByText(/^by$/)).not.toBeInTheDocument();
    first.unmount();

    const other = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u2', username: 'bob', role: 'member' })),
      'GET /plans/p1': json(200, plan({ author: { username: 'mia', display_name: 'Mia' } })),
      'GET /exercises/bench': json(200, BENCH),
    });
    renderApp('/plans/p1');
    await screen.findByRole('heading', { name: 'Strength', level: 1 });
    // Someone else's plan names its author, linking to their profile.
    expect(screen.getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    await screen.findByRole('link', { name: 'Bench Press (Barbell)' });
    expect(screen.queryByRole('region', { name: 'Assigned to' })).not.toBeInTheDocument();
    expect(other.some((c) => c.path.startsWith('/plans/p1/assignments'))).toBe(false);
  });

  it('shows a public plan to a signed-out visitor, who is asked to sign in to copy it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'GET /plans/p1': json(200, plan({ author: { username: 'kim', display_name: 'Coach Kim' } })),
      'GET /exercises/bench': json(200, BENCH),
    });
    renderApp('/plans/p1');
    expect(await screen.findByRole('heading', { name: 'Strength', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Coach Kim' })).toHaveAttribute('href', '/u/kim');
    expect(screen.getByRole('link', { name: 'Sign in to copy this plan' })).toHaveAttribute('href', '/login?next=%2Fplans%2Fp1');
    // The exercise is named, but its page (with one's own history) needs an account.
    expect(await screen.findByText('Bench Press (Barbell)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Bench Press (Barbell)' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy to my plans' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '← All plans' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.path.includes('/assignments'))).toBe(false);
  });

  it('tells a signed-out visitor that a plan may need an account', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'GET /plans/p2': problem(404, 'not_found'),
    });
    renderApp('/plans/p2');
    expect(await screen.findByText(/only members of the gym may see it/)).toBeInTheDocument();
    const signIn = screen.getAllByRole('link', { name: 'Sign in' }).map((l) => l.getAttribute('href'));
    expect(signIn).toContain('/login?next=%2Fplans%2Fp2');
  });

  it('does not take a signed-in member for a visitor when the server cannot say who they are', async () => {
    let serverUp = false;
    mockApi({
      'GET /instance': instance(),
      'GET /me': () => (serverUp ? json(200, makeMe({ id: 'u2', username: 'bob' })) : problem(503, 'unavailable')),
      'GET /plans/p1': json(200, plan({ author: { username: 'kim', display_name: 'Coach Kim' } })),
      'GET /exercises/bench': json(200, BENCH),
    });
    const { user } = renderApp('/plans/p1');
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.queryByRole('link', { name: 'Sign in to copy this plan' })).not.toBeInTheDocument();
    serverUp = true;
    await user.click(retry);
    expect(await screen.findByRole('button', { name: 'Copy to my plans' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sign in to copy this plan' })).not.toBeInTheDocument();
  });
});

describe('plan detail: assigning to a member who already follows a plan', () => {
  const other = { ...summary, id: 'p2', title: 'Hypertrophy', weeks: 4, days: 12 };
  const mia = (assignments: unknown[]) => ({ relationship_id: 'r1', username: 'mia', display_name: 'Mia', since: '2026-11-01T10:00:00Z', assignments });
  /** My members: the member with their assignments (newest first), whoever assigned them. */
  const members = (...assignments: unknown[]) => json(200, { items: [mia(assignments)] });
  const coachRoutes = (over: Record<string, unknown> = {}) => ({
    'GET /instance': instance(),
    'GET /me': json(200, makeMe({ id: 'u1', username: 'kim', role: 'coach' })),
    'GET /plans/p1': json(200, plan()),
    'GET /exercises/bench': json(200, BENCH),
    'GET /search': json(200, { items: [] }),
    'GET /coach/members': members(
      assignment('a9', 'mia', 'kim', { plan: { ...summary, days: 3 }, days_done: 3, created_at: '2026-11-10T10:00:00Z' }),
      assignment('a7', 'mia', 'ann', { plan: other, days_done: 4 }),
    ),
    'GET /plans/p1/assignments': json(200, { items: [] }),
    // The plan Mia follows: 4 weeks of 3 days.
    'GET /plans/p2': json(200, plan({ id: 'p2', title: 'Hypertrophy', weeks: [1, 2, 3, 4].map(() => ({ days: ['A', 'B', 'C'].map((name) => ({ name, notes: '', exercises: [] })) })) })),
    ...over,
  });

  it('warns first, sends nothing when cancelled, and assigns when confirmed', async () => {
    const calls = mockApi(coachRoutes({ 'POST /plans/p1/assignments': json(201, assignment('a8', 'mia', 'kim')) }));
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'Mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    // The newest plan is finished; the one another coach assigned is not: 4 of its 3-day weeks' days done.
    let dialog = await screen.findByRole('dialog', { name: 'Mia already follows a plan' });
    expect(within(dialog).getByText('Mia already follows “Hypertrophy” (week 2 of 4). Assign “Strength” instead?')).toBeInTheDocument();
    expect(within(dialog).getByText(/The new plan takes its place on the Today card from its start date/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    dialog = await screen.findByRole('dialog', { name: 'Mia already follows a plan' });
    await user.click(within(dialog).getByRole('button', { name: 'Assign instead' }));
    expect(await screen.findByText(/^Assigned to @mia from /)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toMatchObject([{ username: 'mia' }]);
    // My members was asked, not each plan's followers; the followed plan once, for its weeks.
    expect(calls.filter((c) => c.method === 'GET' && /^\/plans(\?|$)/.test(c.path))).toEqual([]);
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/plans/p2')).toHaveLength(1);
  });

  it('names the days done when the followed plan cannot be read', async () => {
    const calls = mockApi(coachRoutes({ 'GET /plans/p2': problem(403, 'forbidden') }));
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mia already follows a plan' });
    expect(within(dialog).getByText('Mia already follows “Hypertrophy” (4 of 12 days done). Assign “Strength” instead?')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('asks a coach assigning a plan to themselves about the plan they follow', async () => {
    const calls = mockApi(
      coachRoutes({
        'GET /me/assignments': json(200, { items: [assignment('a5', 'kim', 'kim', { plan: other, days_done: 7 })] }),
        'POST /plans/p1/assignments': json(201, assignment('a8', 'kim', 'kim')),
      }),
    );
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'Kim');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'You already follow a plan' });
    expect(within(dialog).getByText('You already follow “Hypertrophy” (week 3 of 4). Assign “Strength” instead?')).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/me/assignments')).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Assign instead' }));
    expect(await screen.findByText(/^Assigned to @kim from /)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toMatchObject([{ username: 'kim' }]);
  });

  it('assigns at once when the member’s plans are finished', async () => {
    const calls = mockApi(
      coachRoutes({
        'GET /coach/members': members(assignment('a7', 'mia', 'kim', { plan: other, days_done: 12 })),
        'POST /plans/p1/assignments': json(201, assignment('a8', 'mia', 'kim')),
      }),
    );
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText(/^Assigned to @mia from /)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('sees the plan it just assigned when assigning again', async () => {
    const p1 = { ...summary, days: 3 };
    const calls = mockApi(
      coachRoutes({
        'GET /coach/members': [members(), members(assignment('a8', 'mia', 'kim', { plan: p1, days_done: 0 }))],
        'POST /plans/p1/assignments': json(201, assignment('a8', 'mia', 'kim', { plan: p1, days_done: 0 })),
      }),
    );
    const { user } = renderApp('/plans/p1');
    const field = await screen.findByLabelText('Member');
    await user.type(field, 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText(/^Assigned to @mia from /)).toBeInTheDocument();

    await user.type(field, 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mia already follows a plan' });
    expect(within(dialog).getByText('Mia already follows this plan (week 1 of 1). Start it over from the new start date?')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('still warns from the plan’s own followers when My members cannot be read', async () => {
    const calls = mockApi(
      coachRoutes({
        'GET /coach/members': problem(403, 'forbidden'),
        'GET /plans/p1/assignments': json(200, { items: [assignment('a6', 'mia', 'kim', { plan: { ...summary, days: 3 }, days_done: 1 })] }),
      }),
    );
    const { user } = renderApp('/plans/p1');
    expect(await within(await screen.findByRole('region', { name: 'Assigned to' })).findByText('@mia')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Member'), 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    const dialog = await screen.findByRole('dialog', { name: '@mia already follows a plan' });
    expect(within(dialog).getByText('@mia already follows this plan (1 of 3 days done). Start it over from the new start date?')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says when the coach does not coach the member (yet) and where to ask', async () => {
    mockApi(coachRoutes({ 'POST /plans/p1/assignments': problem(403, 'forbidden') }));
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'zed');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText('You do not coach @zed yet. Ask them to accept you as coach first.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask a member under My members' })).toHaveAttribute('href', '/members');
  });

  it('keeps the server’s refusal for a coached member (a plan they may not see)', async () => {
    mockApi(coachRoutes({ 'GET /coach/members': members(), 'POST /plans/p1/assignments': problem(403, 'forbidden') }));
    const { user } = renderApp('/plans/p1');
    await user.type(await screen.findByLabelText('Member'), 'mia');
    await user.click(screen.getByRole('button', { name: 'Assign plan' }));
    expect(await screen.findByText('You are not allowed to do that.')).toBeInTheDocument();
    expect(screen.queryByText(/You do not coach/)).not.toBeInTheDocument();
  });
});
