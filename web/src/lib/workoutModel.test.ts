import { describe, expect, it } from 'vitest';
import type { WorkoutDetail, WorkoutSet } from '../api/types';
import { noteFor, withNote } from './exerciseNotes';
import { applyPending, mergeLayout, prefill } from './workoutModel';

const set = (id: string, at: string, over: Partial<WorkoutSet> = {}): WorkoutSet =>
  ({ id, exercise_id: 'e1', kind: 'normal', reps: 5, weight_kg: 60, completed_at: at, is_record: false, ...over }) as WorkoutSet;

const detail = (sets: WorkoutSet[]): WorkoutDetail =>
  ({
    workout: { id: 'w', title: 'W', notes: '', started_at: '2026-01-01T10:00:00Z', visibility: 'private', set_count: sets.length, volume_kg: 0, records_hit: 0, version: 1 },
    sets,
    previous: [],
    plan_day: { name: 'A', notes: '', exercises: [{ exercise_id: 'e2', notes: '', sets: [{}, {}, {}] }] },
  }) as unknown as WorkoutDetail;

describe('applyPending', () => {
  it('shows unsent sets in the server’s order and recounts totals', () => {
    const server = detail([set('0002', '2026-01-01T10:05:00Z', { weight_kg: 62.5 })]);
    const view = applyPending(server, [
      { kind: 'addSet', workoutId: 'w', set: { id: '0003', exercise_id: 'e1', reps: 5, weight_kg: 60, completed_at: '2026-01-01T10:05:00.900Z' } },
      { kind: 'addSet', workoutId: 'w', set: { id: '0001', exercise_id: 'e1', reps: 5, weight_kg: 50, kind: 'warmup', completed_at: '2026-01-01T10:01:00Z' } },
      { kind: 'updateSet', workoutId: 'w', setId: '0002', body: { reps: 6 } },
      { kind: 'addSet', workoutId: 'other', set: { id: '9', exercise_id: 'e1', reps: 1 } },
    ]);
    expect(view.sets.map((s) => s.id)).toEqual(['0001', '0002', '0003']);
    expect(view.sets[1]!.reps).toBe(6);
    expect(view.workout.set_count).toBe(3);
    expect(view.workout.volume_kg).toBe(62.5 * 6 + 60 * 5);
  });

  it('a pending delete hides the set', () => {
    const view = applyPending(detail([set('a', '2026-01-01T10:05:00Z')]), [{ kind: 'deleteSet', workoutId: 'w', setId: 'a' }]);
    expect(view.sets).toEqual([]);
  });
});

describe('layout and pre-filling', () => {
  it('adds plan and logged exercises, keeping the person’s order and removals', () => {
    const d = detail([set('a', '2026-01-01T10:05:00Z')]);
    expect(mergeLayout([], d).map((s) => [s.exerciseId, s.rows])).toEqual([['e2', 3], ['e1', 1]]);
    expect(mergeLayout([{ exerciseId: 'e1', rows: 0, inputs: [] }], d, ['e2']).map((s) => s.exerciseId)).toEqual(['e1']);
  });

  it('prefers typed numbers, then the plan, then last time, then the set before', () => {
    const prev = set('p', '2025-12-01T10:00:00Z', { weight_kg: 55, reps: 8, rpe: 9 });
    expect(prefill(undefined, { kind: 'normal', reps: { min: 5, max: 5, amrap: false }, load: { kg: 60 } }, prev, undefined)).toMatchObject({ reps: 5, weight_kg: 60, kind: 'normal' });
    expect(prefill(undefined, undefined, prev, undefined)).toEqual({ kind: 'normal', reps: 8, weight_kg: 55 });
    expect(prefill({ reps: 3 }, { kind: 'normal', reps: { min: 5, amrap: false } }, prev, undefined)).toMatchObject({ reps: 3, weight_kg: 55 });
    expect(prefill(undefined, undefined, undefined, { reps: 10, weight_kg: 40, kind: 'normal' })).toMatchObject({ reps: 10, weight_kg: 40 });
  });
});

describe('exercise notes', () => {
  const a = { exercise_id: 'a', text: 'Seat 4' };
  const b = { exercise_id: 'b', text: 'Slow' };
  it('sets, replaces in place, appends and removes one note of the list', () => {
    expect(withNote([a, b], 'a', '  Seat 5 ')).toEqual([{ exercise_id: 'a', text: 'Seat 5' }, b]);
    expect(withNote([a], 'c', 'New')).toEqual([a, { exercise_id: 'c', text: 'New' }]);
    expect(withNote([a, b], 'a', '   ')).toEqual([b]);
    expect(withNote([a, { exercise_id: 'x', text: ' ' }], 'b', 'Slow')).toEqual([a, b]);
  });
  it('reads one exercise’s note', () => {
    expect(noteFor({ exercise_notes: [a, b] }, 'b')).toBe('Slow');
    expect(noteFor({ exercise_notes: [a] }, 'b')).toBe('');
  });
});
