import type { ExerciseHistory, WorkoutSet } from '../api/types';
import { epley } from './plates';
import { bySetOrder, type LocalWorkout } from './workoutModel';

/**
 * "Last time" for an exercise from the workouts kept on this device: the sets of the newest
 * workout before `before` that has the exercise — either logged in it, or named in its own
 * "last time" (the server's `previous`). Empty when the device knows none.
 */
export function lastTimeOnDevice(workouts: readonly LocalWorkout[], exerciseId: string, before: string, excludeId: string): WorkoutSet[] {
  let best: { at: string; sets: WorkoutSet[] } | null = null;
  const offer = (at: string, sets: WorkoutSet[]) => {
    if (sets.length > 0 && at < before && (!best || at > best.at)) best = { at, sets };
  };
  for (const w of workouts) {
    if (w.id === excludeId) continue;
    offer(
      w.detail.workout.started_at,
      w.detail.sets.filter((s) => s.exercise_id === exerciseId),
    );
    const prev = w.detail.previous.find((p) => p.exercise_id === exerciseId)?.sets ?? [];
    if (prev[0]) offer(prev[0].completed_at, prev);
  }
  return best ? [...(best as { sets: WorkoutSet[] }).sets].sort(bySetOrder) : [];
}

/**
 * "Last time" from the server's history of an exercise (newest first): the sets of the newest
 * other workout before `before`. For a device that holds no earlier workout with it.
 */
export function lastTimeFromHistory(items: ExerciseHistory['items'], before: string, excludeId: string): WorkoutSet[] {
  const earlier = items.filter((i) => i.workout_id !== excludeId && i.set.completed_at < before);
  const first = earlier[0];
  if (!first) return [];
  return earlier.filter((i) => i.workout_id === first.workout_id).map((i) => i.set).sort(bySetOrder);
}

/** The best estimated 1RM (Epley) in a list of sets, kg; warm-ups and sets without weight are left out. */
export function bestE1rm(sets: readonly WorkoutSet[]): number | undefined {
  let best: number | undefined;
  for (const s of sets) {
    if (s.kind === 'warmup' || !s.weight_kg || !s.reps) continue;
    const e = epley(s.weight_kg, s.reps);
    if (best === undefined || e > best) best = e;
  }
  return best;
}
