import { useQueries, useQuery } from '@tanstack/react-query';
import { getExercise, getPlan } from '../../api/training';
import type { Exercise } from '../../api/types';
import { exerciseKeys } from '../exercises/vocab';

export const planKeys = {
  all: ['plans'] as const,
  mine: ['plans', 'mine'] as const,
  search: (q: string) => ['plans', 'search', q] as const,
  one: (id: string) => ['plans', 'one', id] as const,
  assignments: ['me', 'assignments'] as const,
};

export const usePlan = (id: string | undefined) =>
  useQuery({ queryKey: planKeys.one(id ?? ''), queryFn: () => getPlan(id!), enabled: Boolean(id) });

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

/** Assignments this coach made from this device, by plan (the API has no per-plan list). */
const MADE_KEY = 'gymbox.assignmentsMade';

export interface MadeAssignment {
  id: string;
  planId: string;
  member: string;
  startDate: string;
}

export function assignmentsMade(planId: string): MadeAssignment[] {
  try {
    const all: unknown = JSON.parse(localStorage.getItem(MADE_KEY) ?? '[]');
    return Array.isArray(all) ? (all as MadeAssignment[]).filter((a) => a.planId === planId) : [];
  } catch {
    return [];
  }
}

export function saveAssignmentsMade(update: (all: MadeAssignment[]) => MadeAssignment[]) {
  try {
    const all: unknown = JSON.parse(localStorage.getItem(MADE_KEY) ?? '[]');
    localStorage.setItem(MADE_KEY, JSON.stringify(update(Array.isArray(all) ? (all as MadeAssignment[]) : []).slice(-200)));
  } catch {
    // storage unavailable: the list is a convenience
  }
}
