import { describe, expect, it } from 'vitest';
import type { WorkoutDetail, WorkoutSet } from '../api/types';
import { lastTimeFromHistory, lastTimeOnDevice } from './lastTime';
import { nextUp, supersetContinues } from './exerciseGroups';
import { restAfter, type ExerciseSlot, type LocalWorkout } from './workoutModel';

const set = (id: string, exercise_id: string, at = '2026-01-01T10:05:00Z', over: Partial<WorkoutSet> = {}): WorkoutSet =>
  ({ id, exercise_id, kind: 'normal', reps: 5, weight_kg: 60, completed_at: at, is_record: false, ...over }) as WorkoutSet;

const detail = (sets: WorkoutSet[], started = '2026-01-01T10:00:00Z', id = 'w'): WorkoutDetail =>
  ({
    workout: { id, title: 'W', notes: '', started_at: started, visibility: 'private', set_count: sets.length, volume_kg: 0, records_hit: 0, version: 1 },
    sets,
    previous: [],
    plan_day: {
      name: 'A',
      notes: '',
      exercises: [
        { exercise_id: 'a', superset: 'A', notes: '', sets: [{ rest_s: 120 }, { rest_s: 120 }] },
        { exercise_id: 'b', superset: 'A', notes: '', sets: [{ rest_s: 120 }, { rest_s: 120 }] },
        { exercise_id: 'c', notes: '', sets: [{ kind: 'warmup', rest_s: 45 }, { rest_s: 150 }] },
      ],
    },
  }) as unknown as WorkoutDetail;

const layout: ExerciseSlot[] = [
  { exerciseId: 'a', rows: 2, inputs: [] },
  { exerciseId: 'b', rows: 2, inputs: [] },
  { exerciseId: 'c', rows: 2, inputs: [] },
];

describe('the order of sets in the logger', () => {
  it('goes round a superset: A1, B1, A2, B2, then the next exercise', () => {
    const order: string[] = [];
    const sets: WorkoutSet[] = [];
    for (let i = 0; i < 6; i++) {
      const next = nextUp(detail(sets), layout)!;
      order.push(`${next.exerciseId}${next.row + 1}`);
      sets.push(set(String(i), next.exerciseId));
    }
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'c1', 'c2']);
    expect(nextUp(detail(sets), layout)).toBeNull();
  });

  it('rests only after the round of a superset', () => {
    expect(supersetContinues(detail([]), layout, 'a')).toBe(true);
    expect(supersetContinues(detail([set('1', 'a')]), layout, 'b')).toBe(false);
    expect(supersetContinues(detail([]), layout, 'c')).toBe(false);
    // A superset is only consecutive exercises with one label: moved apart, each stands alone.
    const apart = [layout[0]!, layout[2]!, layout[1]!];
    expect(supersetContinues(detail([]), apart, 'a')).toBe(false);
  });

  it('rests after warm-ups and work sets as planned, or as the member changed them', () => {
    const targets = detail([]).plan_day!.exercises[2]!.sets;
    const c = layout[2]!;
    expect(restAfter(c, targets, 0, 'warmup')).toBe(45);
    expect(restAfter(c, targets, 1, 'normal')).toBe(150);
    expect(restAfter({ ...c, warmupRestS: 30 }, targets, 0, 'warmup')).toBe(30);
    expect(restAfter({ ...c, restS: 180 }, targets, 1, 'normal')).toBe(180);
    // Warm-up rows added in front of a plan's work sets rest like warm-ups, not like the plan row.
    expect(restAfter(c, targets, 1, 'warmup')).toBe(45);
    expect(restAfter({ exerciseId: 'x', rows: 1, inputs: [] }, [], 0, 'warmup')).toBe(60);
    expect(restAfter({ exerciseId: 'x', rows: 1, inputs: [] }, [], 0, 'normal')).toBe(90);
  });
});

describe('last time from the device', () => {
  const local = (d: WorkoutDetail): LocalWorkout => ({ id: d.workout.id, owner: 'u', detail: d, layout: [], removed: [], exercises: {}, savedAt: 0 });

  it('takes the newest earlier workout with the exercise, from its sets or its own "last time"', () => {
    const older = local(detail([set('o1', 'x', '2026-01-01T10:05:00Z', { weight_kg: 40 })], '2026-01-01T10:00:00Z', 'w1'));
    const newer = detail([set('n1', 'y', '2026-01-05T10:05:00Z')], '2026-01-05T10:00:00Z', 'w2');
    newer.previous = [{ exercise_id: 'x', sets: [set('p1', 'x', '2026-01-03T10:05:00Z', { weight_kg: 47.5, reps: 8 })] }];
    const current = local(detail([], '2026-01-09T10:00:00Z', 'now'));
    const all = [older, local(newer), current];
    expect(lastTimeOnDevice(all, 'x', '2026-01-09T10:00:00Z', 'now').map((s) => s.weight_kg)).toEqual([47.5]);
    expect(lastTimeOnDevice(all, 'x', '2026-01-02T10:00:00Z', 'now').map((s) => s.weight_kg)).toEqual([40]);
    expect(lastTimeOnDevice(all, 'z', '2026-01-09T10:00:00Z', 'now')).toEqual([]);
  });

  it('falls back to the server’s history: the newest other earlier workout', () => {
    const items = [
      { workout_id: 'now', set: set('c1', 'x', '2026-01-09T10:05:00Z') },
      { workout_id: 'w2', set: set('b2', 'x', '2026-01-05T10:07:00Z', { reps: 6 }) },
      { workout_id: 'w2', set: set('b1', 'x', '2026-01-05T10:05:00Z', { reps: 8 }) },
      { workout_id: 'w1', set: set('a1', 'x', '2026-01-01T10:05:00Z') },
    ];
    expect(lastTimeFromHistory(items, '2026-01-09T10:00:00Z', 'now').map((s) => s.reps)).toEqual([8, 6]);
    expect(lastTimeFromHistory(items, '2026-01-03T10:00:00Z', 'now').map((s) => s.id)).toEqual(['a1']);
    expect(lastTimeFromHistory([], '2026-01-09T10:00:00Z', 'now')).toEqual([]);
  });
});
