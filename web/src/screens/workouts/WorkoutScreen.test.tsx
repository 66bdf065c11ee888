import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exercise, Today, WorkoutDetail } from '../../api/types';
import { restTimer } from '../../lib/restTimer';
import { localWorkouts, workoutOutbox } from '../../lib/workoutSync';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const bench: Exercise = {
  id: 'e1',
  name_en: 'Bench Press',
  name_ru: 'Жим лёжа',
  aliases_en: [],
  aliases_ru: [],
  primary: ['chest'],
  secondary: [],
  equipment: 'barbell',
  category: 'strength',
  logging: 'weight_reps',
  scope: 'builtin',
  instructions: [],
  instructions_ru: [],
};

const planDay = {
  name: 'Push day',
  notes: '',
  exercises: [{ exercise_id: 'e1', notes: 'Pause at the chest.', sets: [1, 2, 3].map(() => ({ reps: { min: 5, max: 5 }, load: { kg: 60 }, rest_s: 90 })) }],
};

function detail(id: string, userId = 'u1'): WorkoutDetail {
  return {
    workout: { id, user_id: userId, title: 'Push day', notes: '', started_at: new Date().toISOString(), visibility: 'private', set_count: 0, volume_kg: 0, records_hit: 0, version: 1 },
    sets: [],
    plan_day: planDay,
    previous: [{ exercise_id: 'e1', sets: [{ id: 'p1', exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 57.5, completed_at: '2026-01-01T10:00:00Z', is_record: false }] }],
  } as unknown as WorkoutDetail;
}

const echoSet = (call: Call) => json(201, { ...(call.body as object), is_record: true });

function setOnline(value: boolean) {
  Object.defineProperty(navigator, 'onLine', { value, configurable: true });
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

afterEach(() => {
  setOnline(true);
  restTimer.skip();
});

describe('someone else’s workout', () => {
  it('is shown read only, with whose it is, and never kept on this device', async () => {
    const theirs = detail('w9', 'u9');
    theirs.workout.finished_at = new Date().toISOString();
    theirs.sets = [{ id: 's1', exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 80, completed_at: new Date().toISOString(), is_record: true } as WorkoutDetail['sets'][number]];
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u1', username: 'kim', role: 'coach' })),
      'GET /workouts/w9': json(200, { ...theirs, owner: { username: 'mia', display_name: 'Mia' } }),
      'GET /exercises/e1': json(200, bench),
    });
    renderApp('/workouts/w9');
    expect(await screen.findByRole('heading', { name: 'Push day', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Logged by Mia')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Mia' })).toHaveAttribute('href', '/u/mia');
    expect(await screen.findByRole('heading', { name: 'Bench Press', level: 2 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete workout' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Complete set/ })).not.toBeInTheDocument();
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
    expect(await localWorkouts.load('w9')).toBeNull();
  });
});

describe('a public workout, signed out', () => {
  it('opens read only for a visitor', async () => {
    const theirs = detail('w8', 'u9');
    theirs.workout.finished_at = new Date().toISOString();
    theirs.sets = [{ id: 's1', exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 80, completed_at: new Date().toISOString(), is_record: false } as WorkoutDetail['sets'][number]];
    mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'GET /workouts/w8': json(200, { ...theirs, owner: { username: 'mia', display_name: 'Mia' } }),
      'GET /exercises/e1': json(200, bench),
    });
    renderApp('/workouts/w8');
    expect(await screen.findByRole('heading', { name: 'Push day', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Logged by Mia')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Bench Press', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('80 kg × 5')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});

describe('workout logger', () => {
  it('pre-fills a set from the plan, shows last time, and logs it with one tap', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /workouts/w1': json(200, detail('w1')),
      'GET /exercises/e1': json(200, bench),
      'POST /workouts/w1/sets': echoSet,
    });
    const { user } = renderApp('/workouts/w1');
    expect(await screen.findByRole('heading', { name: 'Bench Press' })).toBeInTheDocument();
    expect(screen.getByText('Pause at the chest.')).toBeInTheDocument();
    expect(screen.getByText('3 sets × 5 reps · 60 kg')).toBeInTheDocument();
    expect(screen.getByLabelText('kg, set 1 of Bench Press')).toHaveValue('60');
    expect(screen.getByLabelText('Reps, set 1 of Bench Press')).toHaveValue('5');
    expect(screen.getAllByRole('button', { name: 'Last time 57.5 × 5 — use these numbers' })).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Complete set 1 of Bench Press' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/workouts/w1/sets');
    expect(post.body).toMatchObject({ exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 60 });
    expect((post.body as { id: string }).id).toMatch(/^[0-9a-f]{32}$/);
    expect(await screen.findByRole('button', { name: 'Set 1 of Bench Press done — tap to undo' })).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText('Personal record')).toBeInTheDocument();
    // The rest timer starts with the plan's rest.
    const timer = screen.getByTestId('rest-timer');
    expect(within(timer).getByRole('timer')).toHaveTextContent(/^1:(30|29)$/);
    await user.click(within(timer).getByRole('button', { name: '15 seconds more rest' }));
    expect(within(timer).getByRole('timer')).toHaveTextContent(/^1:(45|44)$/);
    await user.click(within(timer).getByRole('button', { name: 'Skip' }));
    expect(screen.queryByTestId('rest-timer')).not.toBeInTheDocument();
  });

  it('changes the next set with the steppers before ticking it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /workouts/w2': json(200, detail('w2')),
      'GET /exercises/e1': json(200, bench),
      'POST /workouts/w2/sets': echoSet,
    });
    const { user } = renderApp('/workouts/w2');
    await screen.findByRole('heading', { name: 'Bench Press' });
    // 60 kg shown in pounds; one tap adds 5 lb.
    expect(screen.getByLabelText('lb, set 1 of Bench Press')).toHaveValue('132.28');
    // Details open only when asked for: a tap on the set's number.
    expect(screen.queryByRole('button', { name: 'More lb' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set 1 of Bench Press (Normal): edit' }));
    await user.click(screen.getByRole('button', { name: 'More lb' }));
    expect(screen.getByLabelText('lb, set 1 of Bench Press')).toHaveValue('135');
    await user.click(screen.getByRole('button', { name: 'Less Reps' }));
    await user.click(screen.getByRole('radio', { name: 'Warm-up' }));
    await user.click(screen.getByRole('button', { name: 'Complete set 1 of Bench Press' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const body = calls.find((c) => c.method === 'POST')!.body as { weight_kg: number; reps: number; kind: string };
    expect(body).toMatchObject({ reps: 4, kind: 'warmup' });
    expect(body.weight_kg).toBeCloseTo(61.235, 2);
  });

  it('keeps logging offline and sends each set once when the connection returns', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /workouts/w3': json(200, detail('w3')),
      'GET /exercises/e1': json(200, bench),
      'POST /workouts/w3/sets': echoSet,
    });
    const { user } = renderApp('/workouts/w3');
    await screen.findByRole('heading', { name: 'Bench Press' });
    act(() => setOnline(false));
    await user.click(screen.getByRole('button', { name: 'Complete set 1 of Bench Press' }));
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await user.click(screen.getByRole('button', { name: 'Complete set 2 of Bench Press' }));
    expect(await screen.findByText('Offline · 2 changes waiting to sync')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set 2 of Bench Press done — tap to undo' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    act(() => setOnline(true));
    await waitFor(() => expect(workoutOutbox.getState().entries).toHaveLength(0));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((c) => (c.body as { id: string }).id)).size).toBe(2);
    await waitFor(() => expect(screen.queryByTestId('sync-status')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Set 2 of Bench Press done — tap to undo' })).toBeInTheDocument();
  });
});

describe('Today card', () => {
  const today: Today = {
    status: 'due',
    assignment_id: 'a1',
    plan: { id: 'p1', title: 'Strength 3-day', tags: [], visibility: 'private', weeks: 1, days: 3, updated_at: '2026-01-01T00:00:00Z', version: 1 },
    start_date: '2026-01-01',
    week: 0,
    day: 1,
    day_number: 2,
    total_days: 3,
    plan_day: planDay,
  } as unknown as Today;

  it('shows the plan day and starts a workout from it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      // Another person: the workouts the logger tests left on this device are not theirs.
      'GET /me': json(200, makeMe({ id: 'u-today' })),
      'GET /me/today': json(200, today),
      'GET /exercises/e1': json(200, bench),
      'POST /workouts': (call: Call) => json(201, { ...detail('x').workout, ...(call.body as object) }),
    });
    const { user, path } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Push day' })).toBeInTheDocument();
    expect(screen.getByText(/Strength 3-day · Week 1, day 2 · workout 2 of 3/)).toBeInTheDocument();
    expect(await screen.findByText('Bench Press')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start workout' }));
    await waitFor(() => expect(path()).toMatch(/^\/workouts\/[0-9a-f]{32}$/));
    expect(await screen.findByRole('heading', { name: 'Bench Press' })).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/workouts')).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/workouts')!;
    expect(post.body).toMatchObject({ id: path().split('/').pop(), plan: { plan_id: 'p1', week: 0, day: 1, assignment_id: 'a1' } });
  });

  it('offers an empty workout when no plan is assigned', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'u-empty' })),
      'GET /me/today': (() => new Response(JSON.stringify({ type: 'not_found', status: 404, title: '', detail: '' }), { status: 404 })) as unknown as Response,
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No plan assigned yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start an empty workout' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log a past workout' })).toHaveAttribute('href', '/workouts/new');
  });
});
