import { useQueries, useQuery } from '@tanstack/react-query';
import { getExercise, getPlan, myAssignments, planAssignments } from '../../api/training';
import type { Assignment, Exercise, Plan } from '../../api/types';
import { exerciseKeys } from '../exercises/vocab';

export const planKeys = {
  all: ['plans'] as const,
  mine: ['plans', 'mine'] as const,
  gym: ['plans', 'gym'] as const,
  search: (q: string) => ['plans', 'search', q] as const,
  one: (id: string) => ['plans', 'one', id] as const,
  assignments: ['me', 'assignments'] as const,
  /** Who follows a plan; under `one(id)` so dropping the plan drops it too. */
  followers: (id: string) => ['plans', 'one', id, 'assignments'] as const,
};

export const planQuery = (id: string) => ({ queryKey: planKeys.one(id), queryFn: () => getPlan(id) });

export const usePlan = (id: string | undefined) => useQuery({ ...planQuery(id ?? ''), enabled: Boolean(id) });

/** The plans the signed-in person follows (assigned by a coach, or by themselves as a coach). */
export const myAssignmentsQuery = { queryKey: planKeys.assignments, queryFn: myAssignments };

/** Who follows a plan; only for its author, coaches and administrators (others get 403). */
export const usePlanFollowers = (id: string) =>
  useQuery({ queryKey: planKeys.followers(id), queryFn: () => planAssignments(id) });

/** The exercises a plan names, fetched once each and cached; missing ones stay undefined. */
export function useExercises(ids: string[]): Map<string, Exercise> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({ queryKey: exerciseKeys.one(id), queryFn: () => getExercise(id), staleTime: 5 * 60_000 })),
  });
  const map = new Map<string, Exercise>();
  results.forEach((r, i) => {
    if (r.data) map.set(unique[i]!, r.data);
  });
  return map;
}

/** A plan not yet finished: days remain (a plan with no days never counts as followed). */
export const isUnfinished = (a: Assignment) => a.days_done < a.plan.days;

/**
 * The week (1-based) of the next day of a plan followed in order, after `daysDone` days: the
 * plan's days run week by week, and weeks may hold different numbers of days. Null once done.
 */
export function planWeekOf(plan: Pick<Plan, 'weeks'>, daysDone: number): number | null {
  let days = 0;
  for (const [i, week] of plan.weeks.entries()) {
    days += week.days.length;
    if (daysDone < days) return i + 1;
  }
  return null;
}
