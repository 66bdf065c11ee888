import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exercise, WorkoutDetail } from '../../api/types';
import { workoutOutbox } from '../../lib/workoutSync';
import { instance, json, makeMe, mockApi, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { exercise } from '../exercises/fixtures.test-data';

const bench: Exercise = exercise('e1', 'Bench Press', 'Жим лёжа');
const row: Exercise = exercise('e2', 'Row', 'Тяга', { primary: ['lats'] });

function detail(id: string, notes: { exercise_id: string; text: string }[] = []): WorkoutDetail {
  return {
    workout: { id, user_id: 'u1', title: 'Upper', notes: '', started_at: new Date().toISOString(), visibility: 'private', set_count: 1, volume_kg: 0, records_hit: 0, exercise_notes: notes, version: 1 },
    sets: [
      { id: 's1', exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 60, completed_at: new Date().toISOString(), is_record: false },
      { id: 's2', exercise_id: 'e2', kind: 'normal', reps: 8, weight_kg: 50, completed_at: new Date().toISOString(), is_record: false },
    ],
    previous: [],
  } as unknown as WorkoutDetail;
}

function setOnline(value: boolean) {
  Object.defineProperty(navigator, 'onLine', { value, configurable: true });
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

afterEach(() => setOnline(true));

function routes(id: string, notes: { exercise_id: string; text: string }[] = []) {
  return {
    'GET /instance': instance(),
    'GET /me': json(200, makeMe()),
    [`GET /workouts/${id}`]: json(200, detail(id, notes)),
    'GET /exercises/e1': json(200, bench),
    'GET /exercises/e2': json(200, row),
    'GET /exercises/e1/history': json(200, { record: { sets: 0 }, items: [] }),
    'GET /exercises/e2/history': json(200, { record: { sets: 0 }, items: [] }),
    [`PATCH /workouts/${id}`]: (call: Call) => json(200, { ...detail(id, notes).workout, ...(call.body as object), version: 2 }),
  };
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('exercise notes in the logger', () => {
  it('are written from the card’s menu offline, shown under the name, and sent with every note when back online', async () => {
    const calls = mockApi(routes('wn1', [{ exercise_id: 'e2', text: 'Seat 4' }]));
    const { user } = renderApp('/workouts/wn1');
    const card = await screen.findByRole('region', { name: 'Bench Press' });
    const rowCard = screen.getByRole('region', { name: 'Row' });
    expect(within(rowCard).getByTestId('exercise-note')).toHaveTextContent('Note: Seat 4');
    expect(within(card).queryByTestId('exercise-note')).not.toBeInTheDocument();
    // No big field until asked for.
    expect(screen.queryByRole('textbox', { name: /^Note for/ })).not.toBeInTheDocument();

    act(() => setOnline(false));
    await user.click(within(card).getByRole('button', { name: 'More for Bench Press' }));
    await user.click(within(card).getByRole('button', { name: 'Add note' }));
    const field = within(card).getByRole('textbox', { name: 'Note for Bench Press' });
    expect(field).toHaveAttribute('maxlength', '500');
    await user.type(field, '  Elbows tucked, pause  ');
    expect(field).toHaveAccessibleDescription(/476 characters left/);
    await user.click(within(card).getByRole('button', { name: 'Save note' }));

    expect(await within(card).findByTestId('exercise-note')).toHaveTextContent('Elbows tucked, pause');
    expect(within(card).queryByRole('textbox', { name: /^Note for/ })).not.toBeInTheDocument();
    expect(await screen.findByText('Offline · 1 change waiting to sync')).toBeInTheDocument();
    expect(patches(calls)).toEqual([]);

    act(() => setOnline(true));
    await waitFor(() => expect(workoutOutbox.getState().entries).toHaveLength(0));
    // The API replaces the whole list: the row's note goes along.
    expect(patches(calls)).toEqual([
      {
        exercise_notes: [
          { exercise_id: 'e2', text: 'Seat 4' },
          { exercise_id: 'e1', text: 'Elbows tucked, pause' },
        ],
      },
    ]);
  });

  it('changes and removes a note', async () => {
    const calls = mockApi(routes('wn2', [{ exercise_id: 'e1', text: 'Old cue' }]));
    const { user } = renderApp('/workouts/wn2');
    const card = await screen.findByRole('region', { name: 'Bench Press' });
    await user.click(within(card).getByRole('button', { name: 'More for Bench Press' }));
    await user.click(within(card).getByRole('button', { name: 'Edit note' }));
    const field = within(card).getByRole('textbox', { name: 'Note for Bench Press' });
    expect(field).toHaveValue('Old cue');
    await user.clear(field);
    await user.type(field, 'New cue');
    await user.click(within(card).getByRole('button', { name: 'Save note' }));
    expect(await within(card).findByTestId('exercise-note')).toHaveTextContent('New cue');

    await user.click(within(card).getByRole('button', { name: 'More for Bench Press' }));
    await user.click(within(card).getByRole('button', { name: 'Edit note' }));
    await user.click(within(card).getByRole('button', { name: 'Remove note' }));
    await waitFor(() => expect(within(card).queryByTestId('exercise-note')).not.toBeInTheDocument());
    await waitFor(() => expect(workoutOutbox.getState().entries).toHaveLength(0));
    expect(patches(calls)).toEqual([{ exercise_notes: [{ exercise_id: 'e1', text: 'New cue' }] }, { exercise_notes: [] }]);
  });

  it('in Russian', async () => {
    mockApi({ ...routes('wn3'), 'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })) });
    const { user } = renderApp('/workouts/wn3');
    const card = await screen.findByRole('region', { name: 'Жим лёжа' });
    await user.click(within(card).getByRole('button', { name: 'Ещё для «Жим лёжа»' }));
    await user.click(within(card).getByRole('button', { name: 'Добавить заметку' }));
    expect(within(card).getByRole('textbox', { name: 'Заметка к «Жим лёжа»' })).toHaveAccessibleDescription(/Осталось 500 символов/);
  });
});
