import type { Exercise, PlanDay, SetKind, TrainingVisibility, WorkoutCreate, WorkoutPatch, WorkoutSet } from '../api/types';
import { newId } from './ids';
import {
  applyPending,
  draftDetail,
  mergeLayout,
  setBody,
  type ExerciseSlot,
  type LocalWorkout,
  type SetValues,
  valuesFromSet,
  withNote,
} from './workoutModel';
import { localWorkouts, record, workoutOutbox } from './workoutSync';

type PlanRef = NonNullable<WorkoutCreate['plan']>;

export interface StartOptions {
  owner: string;
  title?: string;
  plan?: PlanRef;
  planDay?: PlanDay;
  startedAt?: string;
  finishedAt?: string;
  visibility?: TrainingVisibility;
}

/** Starts a workout on this device right away; the server learns about it when it can. */
export async function startWorkout(o: StartOptions): Promise<string> {
  const id = newId();
  const body = {
    id,
    ...(o.title ? { title: o.title } : {}),
    ...(o.plan ? { plan: o.plan } : {}),
    started_at: o.startedAt ?? new Date().toISOString(),
    ...(o.finishedAt ? { finished_at: o.finishedAt } : {}),
    ...(o.visibility ? { visibility: o.visibility } : {}),
  };
  const detail = draftDetail(body, o.owner, o.planDay);
  await record({ kind: 'createWorkout', workoutId: id, body }, () => ({
    id,
    owner: o.owner,
    detail,
    layout: mergeLayout([], detail),
    removed: [],
    exercises: {},
    savedAt: Date.now(),
  }));
  return id;
}

const edit = (id: string, fn: (w: LocalWorkout) => LocalWorkout) => localWorkouts.update(id, (w) => (w ? fn(w) : w));

export function updateSlot(workoutId: string, exerciseId: string, fn: (s: LocalWorkout['layout'][number]) => LocalWorkout['layout'][number]) {
  return edit(workoutId, (w) => ({ ...w, layout: w.layout.map((s) => (s.exerciseId === exerciseId ? fn(s) : s)) }));
}

export function addExercise(workoutId: string, ex: Exercise) {
  return edit(workoutId, (w) =>
    w.layout.some((s) => s.exerciseId === ex.id)
      ? w
      : {
          ...w,
          exercises: { ...w.exercises, [ex.id]: ex },
          removed: w.removed.filter((r) => r !== ex.id),
          layout: [...w.layout, { exerciseId: ex.id, rows: 1, inputs: [] }],
        },
  );
}

/** Keeps the member's estimated 1RMs with the workout, so `% of 1RM` targets fill in offline. */
export function rememberE1rm(workoutId: string, e1rm: Record<string, number>) {
  return edit(workoutId, (w) => (JSON.stringify(w.e1rm ?? {}) === JSON.stringify(e1rm) ? w : { ...w, e1rm }));
}

export function rememberExercise(workoutId: string, ex: Exercise) {
  return edit(workoutId, (w) => (w.exercises[ex.id] ? w : { ...w, exercises: { ...w.exercises, [ex.id]: ex } }));
}

/**
 * Puts another exercise in an exercise's place. Sets already logged stay with the old one; the
 * rows still to do move to the new one, which keeps the plan's targets, rest and superset.
 */
export function replaceExercise(workoutId: string, oldId: string, ex: Exercise, loggedCount: number) {
  return edit(workoutId, (w) => {
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

export function moveExercise(workoutId: string, exerciseId: string, by: -1 | 1) {
  return edit(workoutId, (w) => {
    const i = w.layout.findIndex((s) => s.exerciseId === exerciseId);
    const j = i + by;
    if (i < 0 || j < 0 || j >= w.layout.length) return w;
    const layout = [...w.layout];
    [layout[i], layout[j]] = [layout[j]!, layout[i]!];
    return { ...w, layout };
  });
}

/** Logs a set (the tick): it leaves the "to do" rows and joins the logged ones. */
export async function completeSet(
  workoutId: string,
  exercise: { id: string; logging?: Exercise['logging'] },
  pendingIndex: number,
  values: SetValues,
  completedAt: string = new Date().toISOString(),
): Promise<string> {
  const id = newId();
  const set = { id, exercise_id: exercise.id, ...setBody(values, exercise.logging), completed_at: completedAt };
  await record({ kind: 'addSet', workoutId, set }, (w) =>
    w
      ? {
          ...w,
          layout: w.layout.map((s) =>
            s.exerciseId === exercise.id ? { ...s, inputs: s.inputs.filter((_, i) => i !== pendingIndex) } : s,
          ),
        }
      : w,
  );
  return id;
}

export function changeSet(workoutId: string, setId: string, values: SetValues, logging: Exercise['logging'] | undefined) {
  return record({ kind: 'updateSet', workoutId, setId, body: setBody(values, logging) });
}

/** Un-ticks a logged set: it is deleted on the server and its numbers go back into a row to do. */
export function uncompleteSet(workoutId: string, set: WorkoutSet) {
  const values = valuesFromSet(set);
  return record({ kind: 'deleteSet', workoutId, setId: set.id }, (w) =>
    w
      ? {
          ...w,
          layout: w.layout.map((s) => (s.exerciseId === set.exercise_id ? { ...s, inputs: [values, ...s.inputs] } : s)),
        }
      : w,
  );
}

/** Deletes a logged set and its row. */
export function deleteLoggedSet(workoutId: string, set: WorkoutSet) {
  return record({ kind: 'deleteSet', workoutId, setId: set.id }, (w) =>
    w
      ? { ...w, layout: w.layout.map((s) => (s.exerciseId === set.exercise_id ? { ...s, rows: Math.max(0, s.rows - 1) } : s)) }
      : w,
  );
}

export function setKindCycle(kind: SetKind | undefined): SetKind {
  const order: SetKind[] = ['normal', 'warmup', 'drop', 'failure'];
  return order[(order.indexOf(kind ?? 'normal') + 1) % order.length]!;
}

export function patchWorkout(workoutId: string, body: WorkoutPatch) {
  return record({ kind: 'updateWorkout', workoutId, body });
}

export function removeWorkout(workoutId: string) {
  return record({ kind: 'deleteWorkout', workoutId });
}

/** Changes of this workout still waiting for the server. */
export const pendingFor = (workoutId: string) =>
  workoutOutbox
    .getState()
    .entries.map((e) => e.mutation)
    .filter((m) => m.workoutId === workoutId);
