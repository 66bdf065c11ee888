import type { Exercise, WorkoutSet } from '../api/types';
import { moveSlot, supersetReplace, supersetWith, withoutSuperset } from './exerciseGroups';
import { withNote } from './exerciseNotes';
import { edit, patchWorkout, pendingFor } from './workoutActions';
import { applyPending, type ExerciseSlot } from './workoutModel';
import { localWorkouts, record } from './workoutSync';

/*
 * What the logger does to a workout's exercises besides logging sets: replace, remove and move
 * them, write their notes and put them in supersets. Kept apart from ./workoutActions, which the
 * first page loads to start a workout.
 */

/**
 * Puts another exercise in an exercise's place. Sets already logged stay with the old one; the
 * rows still to do move to the new one, which keeps the plan's targets, rest and superset.
 */
export async function replaceExercise(workoutId: string, oldId: string, ex: Exercise, loggedCount: number) {
  await edit(workoutId, (w) => {
    const i = w.layout.findIndex((s) => s.exerciseId === oldId);
    if (i < 0 || w.layout.some((s) => s.exerciseId === ex.id)) return w;
    const old = w.layout[i]!;
    const fresh: ExerciseSlot = {
      exerciseId: ex.id,
      rows: Math.max(1, old.rows - loggedCount),
      // Reps and set types carry over; weights come from the new exercise's own history.
      inputs: old.inputs.map((v) => ({ ...(v.kind ? { kind: v.kind } : {}), ...(v.reps != null ? { reps: v.reps } : {}) })),
      restS: old.restS,
      warmupRestS: old.warmupRestS,
      replaces: old.replaces ?? oldId,
    };
    const layout = [...w.layout];
    layout.splice(i, 1, ...(loggedCount > 0 ? [{ ...old, rows: loggedCount, inputs: [] }, fresh] : [fresh]));
    return {
      ...w,
      exercises: { ...w.exercises, [ex.id]: ex },
      removed: [...w.removed.filter((r) => r !== ex.id), ...(loggedCount > 0 ? [] : [oldId])],
      layout,
    };
  });
  // The new exercise takes the old one's place in a superset of the workout's own.
  await changeSupersets(workoutId, (groups) => supersetReplace(groups, oldId, ex.id));
}

/** Removes an exercise, deletes the sets logged for it and its note. */
export async function removeExercise(workoutId: string, exerciseId: string, loggedSets: WorkoutSet[]) {
  await edit(workoutId, (w) => ({
    ...w,
    layout: w.layout.filter((s) => s.exerciseId !== exerciseId),
    removed: [...w.removed, exerciseId],
  }));
  for (const s of loggedSets) await record({ kind: 'deleteSet', workoutId, setId: s.id });
  await setExerciseNote(workoutId, exerciseId, '');
  await changeSupersets(workoutId, (groups) => withoutSuperset(groups, exerciseId));
}

/** Queues the workout's superset groups as `fn` changes them (the API replaces them all). */
async function changeSupersets(workoutId: string, fn: (groups: string[][]) => string[][] | null) {
  const workout = await currentWorkout(workoutId);
  if (!workout) return;
  const before = workout.supersets ?? [];
  const supersets = fn(before);
  if (!supersets || JSON.stringify(supersets) === JSON.stringify(before)) return;
  await patchWorkout(workoutId, { supersets });
}

/** Puts `partnerId` in a superset with `exerciseId` (see `supersetWith`), to alternate their sets. */
export function supersetExercises(workoutId: string, exerciseId: string, partnerId: string) {
  return changeSupersets(workoutId, (groups) => supersetWith(groups, exerciseId, partnerId));
}

/** Takes an exercise out of its superset. */
export function leaveSuperset(workoutId: string, exerciseId: string) {
  return changeSupersets(workoutId, (groups) => withoutSuperset(groups, exerciseId));
}

/** The workout as the person sees it now: the device's copy with the changes still queued. */
async function currentWorkout(workoutId: string) {
  const w = await localWorkouts.load(workoutId);
  return w ? applyPending(w.detail, pendingFor(workoutId)).workout : null;
}

/**
 * Sets an exercise's note (empty text removes it). The API replaces the whole list, so the
 * queued change carries every note as it stands with this one changed.
 */
export async function setExerciseNote(workoutId: string, exerciseId: string, text: string) {
  const workout = await currentWorkout(workoutId);
  if (!workout) return;
  const before = workout.exercise_notes ?? [];
  const notes = withNote(before, exerciseId, text);
  if (JSON.stringify(notes) === JSON.stringify(before)) return;
  await patchWorkout(workoutId, { exercise_notes: notes });
}

/**
 * Moves an exercise one place up or down as the logger shows it (see `moveSlot`); inside a
 * superset of the workout's own this changes the order to alternate, which the server keeps.
 */
export async function moveExercise(workoutId: string, exerciseId: string, by: -1 | 1) {
  const w = await localWorkouts.load(workoutId);
  if (!w) return;
  const moved = moveSlot(applyPending(w.detail, pendingFor(workoutId)), w.layout, exerciseId, by);
  if (!moved) return;
  await edit(workoutId, (x) => ({ ...x, layout: moved.layout }));
  if (moved.supersets) await patchWorkout(workoutId, { supersets: moved.supersets });
}
