import type { WorkoutDetail } from '../api/types';
import { planExerciseFor, type ExerciseSlot } from './workoutModel';

/** A workout's own supersets (for workouts not laid out by a plan): at most this many groups… */
export const MAX_SUPERSETS = 10;
/** …of 2 to this many exercises each. */
export const MAX_SUPERSET_SIZE = 6;

/** A workout's own superset's label: A, B, C… in the order of the workout's groups. */
export const supersetLabel = (index: number) => String.fromCharCode(65 + index);

export interface SlotGroup {
  label?: string;
  slots: ExerciseSlot[];
  /** One of the workout's own supersets (not the plan's). */
  own?: boolean;
}

/**
 * The logger's exercises in groups, in the order they are shown and done. Consecutive exercises
 * sharing a plan superset label form one group. A workout's own superset gathers its exercises
 * where the first of them stands, in the group's order (the order to alternate). The rest stand
 * alone.
 */
export function groupSlots(detail: WorkoutDetail, layout: readonly ExerciseSlot[]): SlotGroup[] {
  const groups: SlotGroup[] = [];
  const own = detail.workout.supersets ?? [];
  const inLayout = (id: string) => layout.find((s) => s.exerciseId === id);
  const placed = new Set<number>();
  for (const slot of layout) {
    const label = planExerciseFor(detail, slot)?.superset || undefined;
    const last = groups.at(-1);
    if (label) {
      if (last && !last.own && last.label === label) last.slots.push(slot);
      else groups.push({ label, slots: [slot] });
      continue;
    }
    const g = own.findIndex((ids) => ids.includes(slot.exerciseId));
    const members = g < 0 ? [] : own[g]!.map(inLayout).filter((s): s is ExerciseSlot => !!s && !planExerciseFor(detail, s)?.superset);
    if (members.length < 2) groups.push({ slots: [slot] });
    else if (!placed.has(g)) {
      placed.add(g);
      groups.push({ label: supersetLabel(g), slots: members, own: true });
    }
  }
  return groups;
}

/** The exercises in the order the logger shows them (see `groupSlots`). */
export const shownOrder = (detail: WorkoutDetail, layout: readonly ExerciseSlot[]) => groupSlots(detail, layout).flatMap((g) => g.slots);

/**
 * The layout after moving an exercise one place up (-1) or down (+1) as shown, or null when it
 * cannot move that way. Inside one of the workout's own supersets it trades places with its
 * neighbour in the group (which changes the order to alternate: `supersets` is then the new
 * groups); anything else steps over the neighbouring exercise, or over a whole superset of the
 * workout's own.
 */
export function moveSlot(detail: WorkoutDetail, layout: readonly ExerciseSlot[], exerciseId: string, by: -1 | 1): { layout: ExerciseSlot[]; supersets?: string[][] } | null {
  const groups = groupSlots(detail, layout);
  const group = groups.find((g) => g.slots.some((s) => s.exerciseId === exerciseId));
  if (!group) return null;
  if (group.own) {
    const i = group.slots.findIndex((s) => s.exerciseId === exerciseId);
    const j = i + by;
    if (j < 0 || j >= group.slots.length) return null;
    const slots = [...group.slots];
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    const ids = slots.map((s) => s.exerciseId);
    const supersets = (detail.workout.supersets ?? []).map((g) => (g.includes(exerciseId) ? [...ids, ...g.filter((id) => !ids.includes(id))] : g));
    return { layout: groups.flatMap((g) => (g === group ? slots : g.slots)), supersets };
  }
  const units = groups.flatMap((g) => (g.own ? [g.slots] : g.slots.map((s) => [s])));
  const i = units.findIndex((u) => u[0]!.exerciseId === exerciseId);
  const j = i + by;
  if (i < 0 || j < 0 || j >= units.length) return null;
  [units[i], units[j]] = [units[j]!, units[i]!];
  return { layout: units.flat() };
}

/**
 * The workout's superset groups after putting exercise `b` with `a`: `b` joins `a`'s group (at
 * its end), `a` joins `b`'s, or the two start a new group. Null when that is not possible (both
 * in groups already, a full group, or as many groups as a workout may have).
 */
export function supersetWith(groups: readonly string[][], a: string, b: string): string[][] | null {
  if (a === b) return null;
  const ga = groups.findIndex((g) => g.includes(a));
  const gb = groups.findIndex((g) => g.includes(b));
  if (ga >= 0 && gb >= 0) return null;
  const join = (at: number, id: string) => (groups[at]!.length >= MAX_SUPERSET_SIZE ? null : groups.map((g, i) => (i === at ? [...g, id] : [...g])));
  if (ga >= 0) return join(ga, b);
  if (gb >= 0) return join(gb, a);
  return groups.length >= MAX_SUPERSETS ? null : [...groups.map((g) => [...g]), [a, b]];
}

/** The groups without exercise `a`; a group left with one exercise is no superset any more. */
export const withoutSuperset = (groups: readonly string[][], a: string): string[][] =>
  groups.map((g) => g.filter((id) => id !== a)).filter((g) => g.length >= 2);

/** The groups with exercise `from` replaced by `to` (where it stood). */
export const supersetReplace = (groups: readonly string[][], from: string, to: string): string[][] =>
  groups.map((g) => (g.includes(to) ? g.filter((id) => id !== from) : g.map((id) => (id === from ? to : id)))).filter((g) => g.length >= 2);

/**
 * The set to do next: the first open row in order, except that a superset goes round by round
 * (A1, B1, A2, B2, …).
 */
export function nextUp(detail: WorkoutDetail, layout: readonly ExerciseSlot[]): { exerciseId: string; row: number } | null {
  const done = (id: string) => detail.sets.filter((s) => s.exercise_id === id).length;
  for (const g of groupSlots(detail, layout)) {
    const rounds = Math.max(0, ...g.slots.map((s) => s.rows));
    for (let r = 0; r < rounds; r++) {
      for (const s of g.slots) {
        const n = done(s.exerciseId);
        if (r < s.rows && n <= r) return { exerciseId: s.exerciseId, row: n };
      }
    }
  }
  return null;
}

/**
 * Whether ticking the open row of `exerciseId` leads straight to the next exercise of its
 * superset (no rest: the rest comes after the round).
 */
export function supersetContinues(detail: WorkoutDetail, layout: readonly ExerciseSlot[], exerciseId: string): boolean {
  const group = groupSlots(detail, layout).find((g) => g.slots.some((s) => s.exerciseId === exerciseId));
  if (!group || group.slots.length < 2) return false;
  const done = (id: string) => detail.sets.filter((s) => s.exercise_id === id).length;
  const round = done(exerciseId);
  const at = group.slots.findIndex((s) => s.exerciseId === exerciseId);
  return group.slots.slice(at + 1).some((s) => round < s.rows && done(s.exerciseId) <= round);
}
