import { describe, expect, it } from 'vitest';
import type { WorkoutDetail, WorkoutSet } from '../api/types';
import { groupSlots, moveSlot, nextUp, shownOrder, supersetContinues, supersetReplace, supersetWith, withoutSuperset } from './exerciseGroups';
import { mergeLayout, type ExerciseSlot } from './workoutModel';

const set = (id: string, exercise_id: string): WorkoutSet =>
  ({ id, exercise_id, kind: 'normal', reps: 8, weight_kg: 40, completed_at: `2026-01-01T10:${id.padStart(2, '0')}:00Z`, is_record: false }) as WorkoutSet;

/** A workout started without a plan, with its own supersets. */
const detail = (supersets: string[][], sets: WorkoutSet[] = []): WorkoutDetail =>
  ({
    workout: { id: 'w', title: 'W', notes: '', started_at: '2026-01-01T10:00:00Z', visibility: 'private', set_count: sets.length, volume_kg: 0, records_hit: 0, exercise_notes: [], supersets, version: 1 },
    sets,
    previous: [],
  }) as unknown as WorkoutDetail;

const slot = (exerciseId: string, rows = 2): ExerciseSlot => ({ exerciseId, rows, inputs: [] });
const ids = (slots: ExerciseSlot[]) => slots.map((s) => s.exerciseId);
// Squat, bench, row, curl as added; bench and curl are put together, then row with squat.
const layout = [slot('squat'), slot('bench'), slot('row'), slot('curl', 3)];

describe('a workout’s own supersets', () => {
  it('gather their exercises where the first stands, in the group’s order, labelled A, B by group order', () => {
    const groups = groupSlots(detail([['curl', 'bench'], ['squat', 'row']]), layout);
    expect(groups.map((g) => [g.label, g.own, ids(g.slots)])).toEqual([
      ['B', true, ['squat', 'row']],
      ['A', true, ['curl', 'bench']],
    ]);
    expect(ids(shownOrder(detail([['bench', 'curl']]), layout))).toEqual(['squat', 'bench', 'curl', 'row']);
    // A group with one exercise left on screen is no superset.
    expect(groupSlots(detail([['bench', 'gone']]), layout).every((g) => !g.label)).toBe(true);
  });

  it('alternate like a plan’s superset, with the rest after the round', () => {
    const groups = [['bench', 'curl']];
    const order: string[] = [];
    const sets: WorkoutSet[] = [];
    for (let i = 0; i < 9; i++) {
      const next = nextUp(detail(groups, sets), layout)!;
      order.push(`${next.exerciseId}${next.row + 1}`);
      sets.push(set(String(i + 1), next.exerciseId));
    }
    expect(order).toEqual(['squat1', 'squat2', 'bench1', 'curl1', 'bench2', 'curl2', 'curl3', 'row1', 'row2']);
    expect(supersetContinues(detail(groups), layout, 'bench')).toBe(true);
    expect(supersetContinues(detail(groups, [set('1', 'bench')]), layout, 'curl')).toBe(false);
    expect(supersetContinues(detail([]), layout, 'bench')).toBe(false);
  });

  it('put two exercises together, add a third to the group, and take one out', () => {
    expect(supersetWith([], 'bench', 'curl')).toEqual([['bench', 'curl']]);
    expect(supersetWith([['bench', 'curl']], 'bench', 'row')).toEqual([['bench', 'curl', 'row']]);
    expect(supersetWith([['bench', 'curl']], 'row', 'curl')).toEqual([['bench', 'curl', 'row']]);
    expect(supersetWith([['bench', 'curl'], ['squat', 'row']], 'bench', 'row')).toBeNull();
    expect(supersetWith([['bench', 'curl']], 'bench', 'bench')).toBeNull();
    expect(supersetWith([['a', 'b', 'c', 'd', 'e', 'f']], 'a', 'g')).toBeNull();
    const ten = Array.from({ length: 10 }, (_, i) => [`x${i}`, `y${i}`]);
    expect(supersetWith(ten, 'p', 'q')).toBeNull();
    expect(supersetWith(ten, 'x1', 'q')).toHaveLength(10);
    expect(withoutSuperset([['bench', 'curl', 'row'], ['squat', 'lunge']], 'row')).toEqual([['bench', 'curl'], ['squat', 'lunge']]);
    expect(withoutSuperset([['bench', 'curl'], ['squat', 'lunge']], 'bench')).toEqual([['squat', 'lunge']]);
    expect(supersetReplace([['bench', 'curl']], 'bench', 'dips')).toEqual([['dips', 'curl']]);
    expect(supersetReplace([['bench', 'curl']], 'bench', 'curl')).toEqual([]);
  });

  it('move as shown: within a group they trade places (the order to alternate); elsewhere a group moves as one', () => {
    const d = detail([['bench', 'curl']]);
    const inGroup = moveSlot(d, layout, 'curl', -1)!;
    expect(ids(inGroup.layout)).toEqual(['squat', 'curl', 'bench', 'row']);
    expect(inGroup.supersets).toEqual([['curl', 'bench']]);
    expect(moveSlot(d, layout, 'bench', -1)).toBeNull();
    expect(moveSlot(d, layout, 'curl', 1)).toBeNull();
    const over = moveSlot(d, layout, 'row', -1)!;
    expect(ids(over.layout)).toEqual(['squat', 'row', 'bench', 'curl']);
    expect(over.supersets).toBeUndefined();
    expect(ids(moveSlot(d, layout, 'squat', 1)!.layout)).toEqual(['bench', 'curl', 'squat', 'row']);
    expect(moveSlot(d, layout, 'squat', -1)).toBeNull();
  });

  it('bring an exercise grouped on another device into the layout', () => {
    expect(ids(mergeLayout([slot('bench')], detail([['bench', 'curl']])))).toEqual(['bench', 'curl']);
    expect(ids(mergeLayout([slot('bench')], detail([['bench', 'curl']]), ['curl']))).toEqual(['bench']);
  });
});
