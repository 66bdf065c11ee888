import { api } from './client';
import { ApiProblem, unwrap } from './problem';
import type {
  BodyMetricCreate,
  ExerciseCreate,
  PlanCreate,
  SetCreate,
  SetPatch,
  WorkoutCreate,
  WorkoutPatch,
} from './types';

export interface ExerciseFilter {
  q?: string;
  muscle?: string;
  equipment?: string;
  category?: string;
}

const orUndefined = (v?: string) => (v ? v : undefined);

// Exercises
export const listExercises = (f: ExerciseFilter, cursor?: string, limit = 30) =>
  unwrap(
    api.GET('/api/v1/exercises', {
      params: {
        query: {
          q: orUndefined(f.q?.trim()),
          muscle: orUndefined(f.muscle),
          equipment: orUndefined(f.equipment),
          category: orUndefined(f.category),
          limit,
          cursor,
        },
      },
    }),
  );
export const getExercise = (id: string) => unwrap(api.GET('/api/v1/exercises/{id}', { params: { path: { id } } }));
export const createExercise = (body: ExerciseCreate) => unwrap(api.POST('/api/v1/exercises', { body }));
export const updateExercise = (id: string, body: Partial<ExerciseCreate>) =>
  unwrap(api.PATCH('/api/v1/exercises/{id}', { params: { path: { id } }, body }));
export const deleteExercise = (id: string) => unwrap(api.DELETE('/api/v1/exercises/{id}', { params: { path: { id } } }));
export const exerciseHistory = (id: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/exercises/{id}/history', { params: { path: { id }, query: { cursor, limit: 30 } } }));

// Plans and assignments
/** Own plans (`mine`) or the plans shared with the gym (`gym`); with `q`, a search of every visible plan. */
export const listPlans = (q: string, cursor?: string, scope: 'mine' | 'gym' = 'mine') =>
  unwrap(api.GET('/api/v1/plans', { params: { query: { q: orUndefined(q.trim()), scope, cursor, limit: 30 } } }));
export const getPlan = (id: string) => unwrap(api.GET('/api/v1/plans/{id}', { params: { path: { id } } }));
export const createPlan = (body: PlanCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/plans', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
/** Saves a plan only if nobody changed it since `version` (412 `precondition_failed` otherwise). */
export const updatePlan = (id: string, body: PlanCreate, version: number) =>
  unwrap(
    api.PATCH('/api/v1/plans/{id}', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
export const deletePlan = (id: string) => unwrap(api.DELETE('/api/v1/plans/{id}', { params: { path: { id } } }));
export const forkPlan = (id: string) => unwrap(api.POST('/api/v1/plans/{id}/fork', { params: { path: { id } } }));
export const assignPlan = (id: string, username: string, start_date: string) =>
  unwrap(api.POST('/api/v1/plans/{id}/assignments', { params: { path: { id } }, body: { username, start_date } }));
export const myAssignments = () => unwrap(api.GET('/api/v1/me/assignments'));
/** Who follows a plan (403 for members who are not its author). */
export const planAssignments = (id: string) =>
  unwrap(api.GET('/api/v1/plans/{id}/assignments', { params: { path: { id } } }));
export const endAssignment = (id: string) =>
  unwrap(api.DELETE('/api/v1/assignments/{id}', { params: { path: { id } } }));

/** Today's plan day, or null when no plan is assigned (404). */
export async function getToday(date: string) {
  try {
    return await unwrap(api.GET('/api/v1/me/today', { params: { query: { date } } }));
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) return null;
    throw e;
  }
}

// Workouts
export const listWorkouts = (query: { from?: string; to?: string; cursor?: string; limit?: number }) =>
  unwrap(api.GET('/api/v1/workouts', { params: { query } }));
/** Another member's workouts, as far as the caller may see them (their coach sees all). */
export const listUserWorkouts = (username: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/users/{username}/workouts', { params: { path: { username }, query: { cursor, limit: 20 } } }));
export const getWorkout = (id: string) => unwrap(api.GET('/api/v1/workouts/{id}', { params: { path: { id } } }));
export const createWorkout = (body: WorkoutCreate) => unwrap(api.POST('/api/v1/workouts', { body }));
export const updateWorkout = (id: string, body: WorkoutPatch) =>
  unwrap(api.PATCH('/api/v1/workouts/{id}', { params: { path: { id } }, body }));
export const deleteWorkout = (id: string) => unwrap(api.DELETE('/api/v1/workouts/{id}', { params: { path: { id } } }));
export const addSet = (workoutId: string, body: SetCreate) =>
  unwrap(api.POST('/api/v1/workouts/{id}/sets', { params: { path: { id: workoutId } }, body }));
export const updateSet = (workoutId: string, setId: string, body: SetPatch) =>
  unwrap(api.PATCH('/api/v1/workouts/{id}/sets/{set_id}', { params: { path: { id: workoutId, set_id: setId } }, body }));
export const deleteSet = (workoutId: string, setId: string) =>
  unwrap(api.DELETE('/api/v1/workouts/{id}/sets/{set_id}', { params: { path: { id: workoutId, set_id: setId } } }));

// Body metrics
export const listBodyMetrics = (kind: string) =>
  unwrap(api.GET('/api/v1/me/body-metrics', { params: { query: { kind, limit: 1000 } } }));
/** Every kind the caller has recorded, each with its newest entry. */
export const bodyMetricKinds = () => unwrap(api.GET('/api/v1/me/body-metrics/kinds'));
export const addBodyMetric = (body: BodyMetricCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/me/body-metrics', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
export const deleteBodyMetric = (id: string) =>
  unwrap(api.DELETE('/api/v1/me/body-metrics/{id}', { params: { path: { id } } }));
