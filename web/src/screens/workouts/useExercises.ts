import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getExercise } from '../../api/training';
import type { Exercise } from '../../api/types';
import { exerciseName } from '../../lib/workoutModel';

/** Exercises by id: those already known (kept with an offline workout) and the rest loaded. */
export function useExercises(ids: readonly string[], known: Record<string, Exercise> = {}) {
  const { t, i18n } = useTranslation();
  const missing = [...new Set(ids)].filter((id) => !known[id]);
  const results = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['exercise', id],
      queryFn: () => getExercise(id),
      staleTime: 10 * 60_000,
    })),
  });
  const byId: Record<string, Exercise> = { ...known };
  results.forEach((r, i) => {
    if (r.data) byId[missing[i]!] = r.data;
  });
  const name = (id: string) => exerciseName(byId[id], i18n.language) ?? t('logger.unknownExercise');
  return { byId, name, loaded: results.filter((r) => r.data).map((r) => r.data!) };
}
