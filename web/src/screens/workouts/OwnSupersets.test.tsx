import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkoutDetail } from '../../api/types';
import { restTimer } from '../../lib/restTimer';
import { localWorkouts, workoutOutbox } from '../../lib/workoutSync';
import { instance, json, makeMe, mockApi, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { exercise } from '../exercises/fixtures.test-data';

const bench = exercise('e1', 'Bench Press', 'Жим лёжа');
const row = exercise('e2', 'Row', 'Тяга', { primary: ['lats'] });
const curl = exercise('e3', 'Curl', 'Сгибания', { primary: ['biceps'], equipment: 'dumbbell' });
const previous = (id: string, kg: number) => ({ exercise_id: id, sets: [1, 2].map((n) => ({ id: `p${id}${n}`, exercise_id: id, kind: 'normal', reps: 8, weight_kg: kg, completed_at: '2026-01-01T10:00:00Z', is_record: false })) });

/** A workout started without a plan: bench, row and curl, two rows each. */
function detail(id: string, supersets: string[][] = []): WorkoutDetail {
  return {
    workout: { id, user_id: 'u1', title: 'Upper', notes: '', started_at: new Date().toISOString(), visibility: 'private', set_count: 0, volume_kg: 0, records_hit: 0, exercise_notes: [], supersets, version: 1 },
    sets: [],
    previous: [previous('e1', 60), previous('e2', 50), previous('e3', 12)],
  } as unknown as WorkoutDetail;
}

function setOnline(value: boolean) {
  Object.defineProperty(navigator, 'onLine', { value, configurable: true });
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

afterEach(() => {
  setOnline(true);
  restTimer.skip();
});

/** What the device holds after the three exercises were added to the workout, two rows each. */
async function onDevice(id: string, supersets: string[][] = []) {
  const layout = ['e1', 'e2', 'e3'].map((exerciseId) => ({ exerciseId, rows: 2, inputs: [] }));
  await localWorkouts.update(id, () => ({ id, owner: 'u1', detail: detail(id, supersets), layout, removed: [], exercises: {}, savedAt: 0 }));
}

function routes(id: string, supersets: string[][] = [], plates?: unknown) {
  return {
    'GET /instance': instance(plates ? { plates } : {}),
    'GET /me': json(200, makeMe()),
    [`GET /workouts/${id}`]: json(200, detail(id, supersets)),
    'GET /exercises/e1': json(200, bench),
    'GET /exercises/e2': json(200, row),
    'GET /exercises/e3': json(200, curl),
    [`PATCH /workouts/${id}`]: (call: Call) => json(200, { ...detail(id, supersets).workout, ...(call.body as object), version: 2 }),
    [`POST /workouts/${id}/sets`]: (call: Call) => json(201, { ...(call.body as object), is_record: false }),
  };
}

const cards = () => screen.getAllByRole('region').filter((r) => r.classList.contains('wk-exercise'));
const nextRowLabel = () => document.querySelector('.wk-set-next input[aria-label^="kg"]')?.getAttribute('aria-label');

describe('supersets of a workout not started from a plan', () => {
  it('are made from the card’s menu offline, alternate with the rest after the round, and sync', async () => {
    const calls = mockApi(routes('ws1'));
    await onDevice('ws1');
    const { user } = renderApp('/workouts/ws1');
    const benchCard = await screen.findByRole('region', { name: 'Bench Press' });
    act(() => setOnline(false));

    await user.click(within(benchCard).getByRole('button', { name: 'More for Bench Press' }));
    await user.click(within(benchCard).getByRole('button', { name: 'Superset with…' }));
    const chooser = within(benchCard).getByRole('group', { name: 'Superset Bench Press with' });
    expect(within(chooser).getAllByRole('button').map((b) => b.textContent)).toEqual(['Row', 'Curl', 'Cancel']);
    await user.click(within(chooser).getByRole('button', { name: 'Curl' }));

    // Bench and curl now stand together as superset A; the row follows them.
    await waitFor(() => expect(cards().map((c) => within(c).getByRole('heading', { level: 2 }).textContent)).toEqual(['Bench Press', 'Curl', 'Row']));
    expect(within(benchCard).getByText('Superset A')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Curl' })).getByText('Superset A')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Row' })).queryByText(/^Superset/)).not.toBeInTheDocument();

    // Bench 1, then curl 1 at once (no rest), then the rest after the round, then bench 2.
    expect(nextRowLabel()).toBe('kg, set 1 of Bench Press');
    await user.click(screen.getByRole('button', { name: 'Complete set 1 of Bench Press' }));
    await screen.findByRole('button', { name: 'Set 1 of Bench Press done — tap to undo' });
    expect(nextRowLabel()).toBe('kg, set 1 of Curl');
    expect(screen.queryByTestId('rest-timer')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Complete set 1 of Curl' }));
    expect(await screen.findByTestId('rest-timer')).toBeInTheDocument();
    expect(nextRowLabel()).toBe('kg, set 2 of Bench Press');

    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    act(() => setOnline(true));
    await waitFor(() => expect(workoutOutbox.getState().entries).toHaveLength(0));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ supersets: [['e1', 'e3']] }]);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('are reordered within the group (the order to alternate) and left from the menu', async () => {
    const calls = mockApi(routes('ws2', [['e2', 'e3']]));
    await onDevice('ws2', [['e2', 'e3']]);
    const { user } = renderApp('/workouts/ws2');
    const curlCard = await screen.findByRole('region', { name: 'Curl' });
    expect(within(curlCard).getByText('Superset A')).toBeInTheDocument();
    // Within the group, "Move up" changes the order to alternate.
    await user.click(within(curlCard).getByRole('button', { name: 'More for Curl' }));
    await user.click(within(curlCard).getByRole('button', { name: 'Move up' }));
    await waitFor(() => expect(cards().map((c) => within(c).getByRole('heading', { level: 2 }).textContent)).toEqual(['Bench Press', 'Curl', 'Row']));
    expect(within(curlCard).getByRole('button', { name: 'Move up' })).toBeDisabled();
    await user.click(within(curlCard).getByRole('button', { name: 'Remove from superset' }));
    await waitFor(() => expect(screen.queryByText('Superset A')).not.toBeInTheDocument());
    await waitFor(() => expect(workoutOutbox.getState().entries).toHaveLength(0));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ supersets: [['e3', 'e2']] }, { supersets: [] }]);
  });

  it('are not offered in a workout laid out by a plan', async () => {
    const d = detail('ws3');
    d.workout.plan = { plan_id: 'p1', week: 0, day: 0 };
    d.plan_day = { name: 'Day A', notes: '', exercises: [{ exercise_id: 'e1', notes: '', sets: [{ kind: 'normal', reps: { min: 5, max: 5, amrap: false } }] }] } as WorkoutDetail['plan_day'];
    mockApi({ ...routes('ws3'), 'GET /workouts/ws3': json(200, d), 'GET /plans/p1': json(404, {}) });
    const { user } = renderApp('/workouts/ws3');
    const benchCard = await screen.findByRole('region', { name: 'Bench Press' });
    await user.click(within(benchCard).getByRole('button', { name: 'More for Bench Press' }));
    expect(within(benchCard).getByRole('button', { name: 'Replace exercise' })).toBeInTheDocument();
    expect(within(benchCard).queryByRole('button', { name: 'Superset with…' })).not.toBeInTheDocument();
  });
});

describe('the gym’s plates', () => {
  it('drive the plate calculator and the warm-up ramp', async () => {
    mockApi(routes('wp1', [], { kg: [20, 10, 5, 2.5], lb: [45, 25, 10, 5], bar_kg: 15, bar_lb: 35 }));
    await onDevice('wp1');
    const { user } = renderApp('/workouts/wp1');
    const benchCard = await screen.findByRole('region', { name: 'Bench Press' });
    await user.click(within(benchCard).getByRole('button', { name: 'Set 1 of Bench Press (Normal): edit' }));
    // 60 kg on a 15 kg bar: 20 + 2.5 each side.
    expect(await within(benchCard).findByText('Each side: 20 + 2.5 (bar 15 kg)')).toBeInTheDocument();
    await user.click(within(benchCard).getByRole('button', { name: 'Set 1 of Bench Press (Normal): edit' }));
    await user.click(within(benchCard).getByRole('button', { name: 'More for Bench Press' }));
    await user.click(within(benchCard).getByRole('button', { name: 'Add warm-up sets' }));
    const kgs = within(benchCard).getAllByLabelText(/^kg, set \d of Bench Press$/).map((i) => (i as HTMLInputElement).value);
    // Bar × 10, then 40 / 60 / 80 % of 60 kg in 5 kg steps from the bar: 25, 35, 50.
    expect(kgs).toEqual(['15', '25', '35', '50', '60', '60']);
  });
});
