import { useQueries, useQuery } from '@tanstack/react-query';
import { isProblem } from '../../api/problem';
import { getExercise, getPlan, listPlans, planAssignments } from '../../api/training';
import type { Assignment, Exercise, PlanSummary } from '../../api/types';
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
  /** Who follows any of the caller's own plans (a coach's view of their members' plans). */
  coachAssignments: ['plans', 'coach', 'assignments'] as const,
};

export const usePlan = (id: string | undefined) =>
  useQuery({ queryKey: planKeys.one(id ?? ''), queryFn: () => getPlan(id!), enabled: Boolean(id) });

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

const MAX_PLAN_PAGES = 10;
/** A plan deleted since the list was read has no followers. */
const goneIsEmpty = (e: unknown): { items: Assignment[] } => {
  if (isProblem(e) && e.status === 404) return { items: [] };
  throw e;
};
const PARALLEL = 6;

/**
 * Every assignment of the caller's own plans, newest first: the server has no list of the
 * assignments a coach made, so this reads each own plan's followers (a few requests at a time).
 * Plans of other authors that the coach assigned are not among them.
 */
export async function fetchCoachAssignments(): Promise<Assignment[]> {
  const plans: PlanSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PLAN_PAGES; page++) {
    const list = await listPlans('', cursor, 'mine');
    plans.push(...list.items);
    cursor = list.next_cursor ?? undefined;
    if (!cursor) break;
  }
  const out: Assignment[] = [];
  for (let i = 0; i < plans.length; i += PARALLEL) {
    const lists = await Promise.all(plans.slice(i, i + PARALLEL).map((p) => planAssignments(p.id).catch(goneIsEmpty)));
    for (const l of lists) out.push(...l.items);
  }
  return out.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export const coachAssignmentsQuery = { queryKey: planKeys.coachAssignments, queryFn: fetchCoachAssignments };

/** Who follows the caller's own plans (see fetchCoachAssignments); for coaches. */
export const useCoachAssignments = (enabled = true) => useQuery({ ...coachAssignmentsQuery, enabled });

/** A plan not yet finished: days remain (a plan with no days never counts as followed). */
export const isUnfinished = (a: Assignment) => a.days_done < a.plan.days;
