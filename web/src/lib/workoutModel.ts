import type {
  Exercise,
  PlanDay,
  SetCreate,
  SetKind,
  SetPatch,
  SetTarget,
  Workout,
  WorkoutCreate,
  WorkoutDetail,
  WorkoutPatch,
  WorkoutSet,
} from '../api/types';

/** One change to a workout, as it waits in the outbox. Ids are chosen on this device. */
export type WorkoutMutation =
  | { kind: 'createWorkout'; workoutId: string; body: WorkoutCreate & { id: string } }
  | { kind: 'updateWorkout'; workoutId: string; body: WorkoutPatch }
  | { kind: 'deleteWorkout'; workoutId: string }
  | { kind: 'addSet'; workoutId: string; set: SetCreate & { id: string } }
  | { kind: 'updateSet'; workoutId: string; setId: string; body: SetPatch }
  | { kind: 'deleteSet'; workoutId: string; setId: string };

/** What a set row holds before it is logged (SI units, like the API). */
export interface SetValues {
  kind?: SetKind;
  reps?: number;
  weight_kg?: number;
  rpe?: number;
  duration_s?: number;
  distance_m?: number;
}

/** An exercise in the logger, in the order the person wants it. */
export interface ExerciseSlot {
  exerciseId: string;
  /** Rows shown (logged sets plus planned ones still to do). */
  rows: number;
  /** Values typed into rows not logged yet, by their position among those rows. */
  inputs: SetValues[];
  /** Rest after its work sets, when the person changed it (else the plan's, else the default). */
  restS?: number;
  /** Rest after its warm-up sets, when the person changed it. */
  warmupRestS?: number;
  /** The plan exercise this one stands in for: its targets and superset carry over. */
  replaces?: string;
  /** Warm-up rows the calculator put in front of the plan's rows (the targets follow them). */
  warmupsAdded?: number;
}

/** Everything this device knows about one workout, kept in IndexedDB so it opens offline. */
export interface LocalWorkout {
  id: string;
  owner: string;
  /** The server's last answer (or, for a workout created offline, what was sent). */
  detail: WorkoutDetail;
  layout: ExerciseSlot[];
  /** Exercises removed from the layout, so a refresh from the plan does not bring them back. */
  removed: string[];
  exercises: Record<string, Exercise>;
  /** The member's best estimated 1RM per exercise (kg), kept so `% of 1RM` targets work offline. */
  e1rm?: Record<string, number>;
  savedAt: number;
}

export const DEFAULT_REST_S = 90;
export const DEFAULT_WARMUP_REST_S = 60;
/** A local picture of a workout being created right now (before the server answers). */
export function draftDetail(body: WorkoutCreate & { id: string }, owner: string, planDay?: PlanDay): WorkoutDetail {
  const workout: Workout = {
    id: body.id,
    user_id: owner,
    title: body.title || planDay?.name || '',
    notes: body.notes ?? '',
    started_at: body.started_at ?? new Date().toISOString(),
    finished_at: body.finished_at,
    visibility: body.visibility ?? 'private',
    plan: body.plan,
    set_count: 0,
    volume_kg: 0,
    records_hit: 0,
    exercise_notes: [],
    supersets: [],
    version: 0,
  };
  return { workout, sets: [], plan_day: planDay, previous: [] };
}

export const setVolume = (s: Pick<WorkoutSet, 'kind' | 'reps' | 'weight_kg'>) =>
  s.kind === 'warmup' ? 0 : (s.reps ?? 0) * (s.weight_kg ?? 0);

/** The server's order: completion time in whole seconds, then the (time-ordered) id. */
const setSecond = (s: WorkoutSet) => Math.floor(Date.parse(s.completed_at) / 1000);
export const bySetOrder = (a: WorkoutSet, b: WorkoutSet) =>
  setSecond(a) === setSecond(b) ? (a.id < b.id ? -1 : 1) : setSecond(a) - setSecond(b);

/** The server's state with this device's unsent changes on top: what the person should see. */
export function applyPending(detail: WorkoutDetail, pending: readonly WorkoutMutation[]): WorkoutDetail {
  let workout = detail.workout;
  let sets = detail.sets;
  let deleted = false;
  for (const m of pending) {
    if (m.workoutId !== workout.id) continue;
    switch (m.kind) {
      case 'updateWorkout':
        workout = { ...workout, ...m.body };
        break;
      case 'deleteWorkout':
        deleted = true;
        break;
      case 'addSet':
        if (!sets.some((s) => s.id === m.set.id)) {
          sets = [
            ...sets,
            { kind: 'normal', completed_at: new Date().toISOString(), is_record: false, ...m.set } as WorkoutSet,
          ];
        }
        break;
      case 'updateSet':
        sets = sets.map((s) => (s.id === m.setId ? ({ ...s, ...m.body } as WorkoutSet) : s));
        break;
      case 'deleteSet':
        sets = sets.filter((s) => s.id !== m.setId);
        break;
      default:
        break;
    }
  }
  if (deleted) sets = [];
  sets = [...sets].sort(bySetOrder);
  if (pending.some((m) => m.workoutId === workout.id)) {
    workout = {
      ...workout,
      set_count: sets.length,
      volume_kg: sets.reduce((sum, s) => sum + setVolume(s), 0),
      records_hit: sets.filter((s) => s.is_record).length,
    };
  }
  return { ...detail, workout, sets };
}

/** Adds exercises the plan or logged sets mention but the layout misses; rows cover the sets. */
export function mergeLayout(layout: ExerciseSlot[], detail: WorkoutDetail, removed: readonly string[] = []): ExerciseSlot[] {
  const result = layout.map((s) => ({ ...s }));
  const find = (id: string) => result.find((s) => s.exerciseId === id);
  for (const pe of detail.plan_day?.exercises ?? []) {
    if (!find(pe.exercise_id) && !removed.includes(pe.exercise_id)) {
      result.push({ exerciseId: pe.exercise_id, rows: Math.max(1, pe.sets.length), inputs: [] });
    }
  }
  for (const s of detail.sets) {
    if (!find(s.exercise_id)) result.push({ exerciseId: s.exercise_id, rows: 0, inputs: [] });
  }
  // An exercise put in a superset on another device before any set of it was logged.
  for (const id of (detail.workout.supersets ?? []).flat()) {
    if (!find(id) && !removed.includes(id)) result.push({ exerciseId: id, rows: 1, inputs: [] });
  }
  for (const slot of result) {
    const logged = detail.sets.filter((s) => s.exercise_id === slot.exerciseId).length;
    slot.rows = Math.max(slot.rows, logged);
  }
  return result;
}

export function targetsFor(detail: WorkoutDetail, exerciseId: string): SetTarget[] {
  return detail.plan_day?.exercises.find((e) => e.exercise_id === exerciseId)?.sets ?? [];
}

/** The plan's entry for a slot (or for the exercise it replaced). */
export const planExerciseFor = (detail: WorkoutDetail, slot: Pick<ExerciseSlot, 'exerciseId' | 'replaces'>) =>
  detail.plan_day?.exercises.find((e) => e.exercise_id === (slot.replaces ?? slot.exerciseId));

/** The rest that follows a set of this kind in row `row`: the person's change, the plan's, a default. */
export function restAfter(slot: ExerciseSlot, targets: readonly SetTarget[], row: number, kind: SetKind | undefined): number {
  const warmup = kind === 'warmup';
  const own = warmup ? slot.warmupRestS : slot.restS;
  if (own != null) return own;
  const here = targets[row];
  const planned =
    (here && (here.kind === 'warmup') === warmup ? here.rest_s : undefined) ??
    targets.find((x) => (x.kind === 'warmup') === warmup && x.rest_s != null)?.rest_s;
  return planned ?? (warmup ? DEFAULT_WARMUP_REST_S : DEFAULT_REST_S);
}

export function previousFor(detail: WorkoutDetail, exerciseId: string): WorkoutSet[] {
  return detail.previous.find((p) => p.exercise_id === exerciseId)?.sets ?? [];
}

export function valuesFromTarget(t: SetTarget | undefined): SetValues {
  if (!t) return {};
  const v: SetValues = {};
  if (t.kind) v.kind = t.kind;
  const reps = t.reps?.min ?? t.reps?.max;
  if (reps != null) v.reps = reps;
  if (t.load?.kg != null) v.weight_kg = t.load.kg;
  if (t.load?.rpe != null) v.rpe = t.load.rpe;
  if (t.duration_s != null) v.duration_s = t.duration_s;
  if (t.distance_m != null) v.distance_m = t.distance_m;
  return v;
}

export function valuesFromSet(s: WorkoutSet | undefined): SetValues {
  if (!s) return {};
  const v: SetValues = { kind: s.kind };
  for (const k of ['reps', 'weight_kg', 'rpe', 'duration_s', 'distance_m'] as const) {
    if (s[k] !== undefined && s[k] !== null) v[k] = s[k];
  }
  return v;
}

/**
 * What a row not logged yet starts with: what the person typed, else the plan's target filled
 * in with last time's numbers, else the set before it.
 */
export function prefill(
  typed: SetValues | undefined,
  target: SetTarget | undefined,
  previous: WorkoutSet | undefined,
  before: SetValues | undefined,
  /** The `% of 1RM` target already turned into kilograms, when there is one. */
  targetKg?: number,
): SetValues {
  const fromPrev = valuesFromSet(previous);
  delete fromPrev.rpe;
  const base: SetValues = { ...before, ...fromPrev, ...valuesFromTarget(target), ...(targetKg != null ? { weight_kg: targetKg } : {}) };
  if (!target?.kind) base.kind = previous?.kind === 'warmup' ? 'warmup' : (before?.kind ?? 'normal');
  return { ...base, ...typed };
}

/** A value the server accepts for a set of this logging type (drops fields it does not use). */
export function setBody(values: SetValues, logging: Exercise['logging'] | undefined): SetValues {
  const v: SetValues = { kind: values.kind ?? 'normal' };
  const type = logging ?? 'weight_reps';
  if (type === 'weight_reps' || type === 'reps') {
    if (values.reps != null) v.reps = values.reps;
    if (values.rpe != null) v.rpe = values.rpe;
  }
  if (type === 'weight_reps' && values.weight_kg != null) v.weight_kg = values.weight_kg;
  if (type === 'duration' || type === 'distance_duration') {
    if (values.duration_s != null) v.duration_s = values.duration_s;
  }
  if (type === 'distance_duration' && values.distance_m != null) v.distance_m = values.distance_m;
  return v;
}

export const isLoggable = (v: SetValues) =>
  v.reps != null || v.weight_kg != null || v.duration_s != null || v.distance_m != null;

export function exerciseName(ex: Pick<Exercise, 'name_en' | 'name_ru'> | undefined, lang: string): string | undefined {
  if (!ex) return undefined;
  return lang.startsWith('ru') ? ex.name_ru || ex.name_en : ex.name_en || ex.name_ru;
}

/** How long, and how many, finished workouts stay on the device for offline use. */
export const KEEP_FINISHED_MS = 14 * 24 * 60 * 60 * 1000;
export const KEEP_FINISHED_COUNT = 20;

/**
 * The finished workouts the device no longer needs: those with no change waiting in the outbox
 * that are older than `maxAgeMs`, or beyond the newest `keep`. A workout's age counts from the
 * later of its finish and its last save on this device (opening one refreshes the copy), so a
 * workout just looked at stays. Unfinished workouts are always kept.
 */
export function workoutsToForget(
  workouts: readonly Pick<LocalWorkout, 'id' | 'detail' | 'savedAt'>[],
  pendingIds: ReadonlySet<string>,
  now: number,
  { maxAgeMs = KEEP_FINISHED_MS, keep = KEEP_FINISHED_COUNT }: { maxAgeMs?: number; keep?: number } = {},
): string[] {
  const lastUsed = (w: Pick<LocalWorkout, 'detail' | 'savedAt'>) => {
    const finished = Date.parse(w.detail.workout.finished_at ?? '');
    return Math.max(Number.isFinite(finished) ? finished : 0, w.savedAt || 0);
  };
  const finished = workouts
    .filter((w) => w.detail.workout.finished_at && !pendingIds.has(w.id))
    .map((w) => ({ id: w.id, at: lastUsed(w) }))
    .sort((a, b) => b.at - a.at);
  return finished.filter((w, i) => i >= keep || now - w.at > maxAgeMs).map((w) => w.id);
}
