import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { weekStats } from '../progress/fixtures.test-data';

const coach = () => json(200, makeMe({ id: 'c1', username: 'kim', display_name: 'Coach Kim', role: 'coach' }));
const member = (username: string, display_name: string, assignments: unknown[] = [], id = `rel-${username}`) => ({
  relationship_id: id,
  username,
  display_name,
  since: '2026-11-02T10:00:00Z',
  assignments,
});
const planSummary = (id: string, title: string, days = 12) => ({ id, title, owner_id: 'c1', visibility: 'private', goal: 'strength', tags: [], weeks: 4, days, updated_at: '2026-11-01T10:00:00Z', version: 1 });
const assignment = (id: string, memberName: string, plan = planSummary('p1', 'Strength 3-day'), over: Record<string, unknown> = {}) => ({
  id,
  plan,
  coach: 'kim',
  member: memberName,
  start_date: '2026-11-23',
  days_done: 4,
  created_at: '2026-11-22T10:00:00Z',
  ...over,
});
const noCoaching = () => json(200, { as_coach: [], as_member: [] });
const pendingRequest = { id: 'q1', username: 'zoe', display_name: 'Zoe', status: 'pending', created_at: '2026-12-01T10:00:00Z', since: null, expires_at: '2026-12-15T10:00:00Z' };

describe('My members, the coach’s workspace', () => {
  it('shows each member’s week, plan and planned vs done at a glance', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /me/coaching': noCoaching(),
      'GET /coach/members': json(200, { items: [member('mia', 'Mia', [assignment('a1', 'mia')]), member('bob', 'Bob')] }),
      'GET /users/mia/stats': json(200, weekStats([1, 2, 3, 2], { weekly_target: 3 })),
      'GET /users/bob/stats': json(200, weekStats([2, 0], { weekly_target: 2, days: [] })),
      'GET /assignments/a1/adherence': json(200, {
        assignment_id: 'a1',
        plan_id: 'p1',
        plan_title: 'Strength 3-day',
        weeks: [
          { week_start: '2026-11-23', planned: 3, done: 2 },
          { week_start: '2026-11-30', planned: 3, done: 1 },
          { week_start: '2026-12-07', planned: 3, done: 1 },
        ],
        days: [],
      }),
    });
    renderApp('/members');
    expect(await screen.findByRole('heading', { name: 'My members', level: 1 })).toBeInTheDocument();
    const list = await screen.findByRole('region', { name: 'Members (2)' });
    const [mia, bob] = within(list).getAllByRole('listitem');

    expect(within(mia!).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    expect(within(mia!).getByText('Coached since Nov 2, 2026')).toBeInTheDocument();
    expect(await within(mia!).findByText('Trained this week')).toBeInTheDocument();
    expect(within(mia!).getByText('2 workouts · target 3')).toBeInTheDocument();
    expect(within(mia!).getByText('Dec 8, 2026')).toBeInTheDocument();
    expect(await within(mia!).findByRole('link', { name: 'Strength 3-day' })).toHaveAttribute('href', '/plans/p1');
    expect(within(mia!).getByText(/4 of 12 days done/)).toBeInTheDocument();
    // Three weeks: 4 of 9 done; the two weeks that are over left 1 + 2 undone.
    expect(await within(mia!).findByText('4 of 9 done')).toBeInTheDocument();
    expect(within(mia!).getByText('3 missed')).toBeInTheDocument();
    expect(within(mia!).getByRole('link', { name: 'Profile and workouts of @mia' })).toHaveAttribute('href', '/u/mia');
    expect(within(mia!).getByRole('button', { name: 'Planned vs done for @mia' })).toBeInTheDocument();

    expect(await within(bob!).findByText('No workout this week')).toBeInTheDocument();
    expect(within(bob!).getByText('0 workouts · target 2')).toBeInTheDocument();
    expect(within(bob!).getByText('None in the last 12 weeks')).toBeInTheDocument();
    expect(await within(bob!).findByText('No plan')).toBeInTheDocument();
    expect(within(bob!).getByRole('link', { name: 'Assign one' })).toHaveAttribute('href', '/plans');
    // Everything about the plans came with the members: no request per plan.
    expect(calls.filter((c) => c.path.startsWith('/plans'))).toEqual([]);
  });

  it('shows the plan a member follows now, whoever assigned it', async () => {
    const byAnn = planSummary('p9', 'Ann’s hypertrophy', 20);
    mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /me/coaching': noCoaching(),
      'GET /coach/members': json(200, {
        items: [
          // Newest first: a finished plan, then the unfinished one another coach assigned.
          member('mia', 'Mia', [
            assignment('a3', 'mia', planSummary('p1', 'Strength 3-day'), { days_done: 12, created_at: '2026-12-01T10:00:00Z' }),
            assignment('a2', 'mia', byAnn, { coach: 'ann', days_done: 5, created_at: '2026-11-20T10:00:00Z' }),
          ]),
          // Only finished plans: the newest one.
          member('bob', 'Bob', [
            assignment('a5', 'bob', planSummary('p2', 'Base'), { days_done: 12, created_at: '2026-11-10T10:00:00Z' }),
            assignment('a4', 'bob', planSummary('p3', 'Older'), { days_done: 12, created_at: '2026-10-10T10:00:00Z' }),
          ]),
        ],
      }),
      'GET /users/mia/stats': json(200, weekStats([1])),
      'GET /users/bob/stats': json(200, weekStats([1])),
      'GET /assignments/a5/adherence': problem(403, 'forbidden'),
    });
    renderApp('/members');
    const list = await screen.findByRole('region', { name: 'Members (2)' });
    const [mia, bob] = within(list).getAllByRole('listitem');

    expect(within(mia!).getByRole('link', { name: 'Ann’s hypertrophy' })).toHaveAttribute('href', '/plans/p9');
    expect(within(mia!).getByText(/5 of 20 days done/)).toBeInTheDocument();
    expect(within(mia!).getByText(/assigned by @ann/)).toBeInTheDocument();
    // Adherence is for the coach who assigned the plan.
    expect(within(mia!).getByText('Shown to the coach who assigned it')).toBeInTheDocument();
    expect(within(mia!).queryByRole('button', { name: 'Planned vs done for @mia' })).not.toBeInTheDocument();

    expect(within(bob!).getByRole('link', { name: 'Base' })).toHaveAttribute('href', '/plans/p2');
    expect(within(bob!).getByText(/12 of 12 days done/)).toBeInTheDocument();
    // Adherence the server refuses reads as unknown, not as an error over the whole list.
    expect(await within(bob!).findByText('—', { selector: 'dd > span' })).toBeInTheDocument();
  });

  it('sends a request, lists it as waiting and withdraws it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /coach/members': json(200, { items: [] }),
      'GET /me/coaching': [noCoaching(), json(200, { as_coach: [pendingRequest], as_member: [] }), noCoaching()],
      'GET /search': json(200, { items: [], complete: true }),
      'POST /coaching/requests': json(201, { id: 'q1', coach: { username: 'kim', display_name: 'Coach Kim' }, member: { username: 'zoe', display_name: 'Zoe' }, status: 'pending', created_at: '2026-12-01T10:00:00Z' }),
      'DELETE /coaching/q1': noContent(),
    });
    const { user } = renderApp('/members');
    expect(await screen.findByText('Nobody has accepted you as coach yet. Ask a member below.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Member'), '@zoe');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Request sent to @zoe. You see their training once they accept.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ username: 'zoe' });
    const waiting = await screen.findByRole('list', { name: 'Waiting for an answer' });
    expect(within(waiting).getByText('Sent Dec 1, 2026')).toBeInTheDocument();
    await user.click(within(waiting).getByRole('button', { name: 'Withdraw the request to @zoe' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Waiting for an answer' })).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/coaching/q1')).toBe(true);
  });

  it('explains refused requests next to the username', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /coach/members': json(200, { items: [] }),
      'GET /me/coaching': noCoaching(),
      'GET /search': json(200, { items: [], complete: true }),
      'POST /coaching/requests': [
        problem(404, 'not_found'),
        problem(409, 'coaching_exists'),
        problem(422, 'validation_failed', { errors: [{ field: 'username', code: 'user_disabled', message: 'Off.' }] }),
      ],
    });
    const { user } = renderApp('/members');
    const field = await screen.findByLabelText('Member');
    const send = screen.getByRole('button', { name: 'Send request' });

    // Asking oneself is caught before anything is sent.
    await user.type(field, 'KIM');
    await user.click(send);
    expect(await screen.findByText('You cannot coach yourself; choose another member.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(field);
    await user.type(field, 'ghost');
    await user.click(send);
    expect(await screen.findByText('There is no member @ghost whose profile you can see. If their profile is private, an administrator can pair you.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.click(send);
    expect(await screen.findByText('There is already a coaching request or coaching between you two.')).toBeInTheDocument();
    await user.click(send);
    expect(await screen.findByText('This account is disabled.')).toBeInTheDocument();
  });

  it('ends coaching after a confirmation and the member leaves the list', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /me/coaching': noCoaching(),
      'GET /coach/members': [json(200, { items: [member('mia', 'Mia')] }), json(200, { items: [] })],
      'GET /users/mia/stats': json(200, weekStats([1])),
      'DELETE /coaching/rel-mia': noContent(),
    });
    const { user } = renderApp('/members');
    await user.click(await screen.findByRole('button', { name: 'End coaching with @mia' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop coaching @mia?' });
    expect(within(dialog).getByText(/You lose access to @mia’s private workouts and training stats at once/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'End coaching' }));
    expect(await screen.findByText('You no longer coach @mia.')).toBeInTheDocument();
    expect(await screen.findByText('Nobody has accepted you as coach yet. Ask a member below.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/coaching/rel-mia']);
  });

  it('tells a member without coach rights what it is for and asks the server nothing', async () => {
    const calls = mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /me/coaching': noCoaching() });
    renderApp('/members');
    expect(await screen.findByText('My members is for coaches. An administrator can give you the coach role.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Member')).not.toBeInTheDocument();
    expect(calls.some((c) => c.path.startsWith('/coach/'))).toBe(false);
  });

  it('shows the server’s refusal when coach rights were taken away meanwhile', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /me/coaching': noCoaching(),
      'GET /coach/members': problem(403, 'forbidden'),
    });
    renderApp('/members');
    expect(await screen.findByText('You are not allowed to do that.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('is translated', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'kim', role: 'coach', preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /me/coaching': noCoaching(),
      'GET /coach/members': json(200, { items: [member('mia', 'Mia')] }),
      'GET /users/mia/stats': json(200, weekStats([5], { weekly_target: 4 })),
    });
    renderApp('/members');
    expect(await screen.findByRole('heading', { name: 'Мои подопечные', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('5 тренировок · цель 4')).toBeInTheDocument();
    expect(screen.getByText('Есть тренировка на этой неделе')).toBeInTheDocument();
    expect(await screen.findByText('Нет плана')).toBeInTheDocument();
  });
});
