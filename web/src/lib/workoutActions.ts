import type { Exercise, PlanDay, SetKind, TrainingVisibility, WorkoutCreate, WorkoutPatch, WorkoutSet } from '../api/types';
import { newId } from './ids';
import { draftDetail, mergeLayout, setBody, type LocalWorkout, type SetValues, valuesFromSet } from './workoutModel';
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

export const edit = (id: string, fn: (w: LocalWorkout) => LocalWorkout) => localWorkouts.update(id, (w) => (w ? fn(w) : w));

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
