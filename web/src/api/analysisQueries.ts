import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  getAdherence,
  getExerciseProgress,
  getMyLoad,
  getMyRecords,
  getMyStats,
  getUserStats,
  type Range,
  type StatsPeriod,
} from './analysis';
import { ApiProblem } from './problem';

/**
 * Query keys of the analysis API. Everything computed from one's own workouts sits under
 * `mine`, so a synced workout refreshes it all with one invalidation (see workoutSync).
 */
export const analysisKeys = {
  all: ['analysis'] as const,
  mine: ['analysis', 'me'] as const,
  stats: (period: StatsPeriod, range: Range = {}) => ['analysis', 'me', 'stats', period, range.from ?? '', range.to ?? ''] as const,
  records: ['analysis', 'me', 'records'] as const,
  load: ['analysis', 'me', 'load'] as const,
  exercise: (id: string, range: Range) => ['analysis', 'me', 'exercise', id, range.from ?? '', range.to ?? ''] as const,
  userStats: (username: string) => ['analysis', 'users', username.toLowerCase(), 'stats'] as const,
  adherence: (assignmentId: string) => ['analysis', 'assignments', assignmentId, 'adherence'] as const,
};

export const useMyStats = (period: StatsPeriod, range: Range = {}) =>
  useQuery({ queryKey: analysisKeys.stats(period, range), queryFn: () => getMyStats(period, range), placeholderData: keepPreviousData });

export const useMyRecords = () => useQuery({ queryKey: analysisKeys.records, queryFn: getMyRecords });

export const useMyLoad = () => useQuery({ queryKey: analysisKeys.load, queryFn: () => getMyLoad() });

export const useExerciseProgress = (id: string, range: Range) =>
  useQuery({ queryKey: analysisKeys.exercise(id, range), queryFn: () => getExerciseProgress(id, range), placeholderData: keepPreviousData });

/** Another member's stats; null when the caller may not see them (404). */
export const useUserStats = (username: string) =>
  useQuery({
    queryKey: analysisKeys.userStats(username),
    queryFn: () =>
      getUserStats(username).catch((e: unknown) => {
        if (e instanceof ApiProblem && e.status === 404) return null;
        throw e;
      }),
  });

/** Planned vs done for an assignment; fetched when `enabled` (a panel opened). */
export const useAdherence = (assignmentId: string, enabled = true) =>
  useQuery({ queryKey: analysisKeys.adherence(assignmentId), queryFn: () => getAdherence(assignmentId), enabled });
