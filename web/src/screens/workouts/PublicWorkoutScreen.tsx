import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { getWorkout } from '../../api/training';
import { LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { useExercises } from './useExercises';
import { WorkoutSummary } from './WorkoutSummary';

/** A workout's link opened by a signed-out visitor: public workouts show, read only. */
export default function PublicWorkoutScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['workouts', id], queryFn: () => getWorkout(id), retry: false });
  const { name } = useExercises(query.data?.sets.map((s) => s.exercise_id) ?? []);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error) && query.error.status === 404) {
      return (
        <section className="screen">
          <h1>{t('logger.notFoundTitle')}</h1>
          <p>{t('logger.notFoundSignedOut')}</p>
          <Link to={`/login?next=${encodeURIComponent(`/workouts/${id}`)}`}>{t('plans.signIn')}</Link>
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <WorkoutSummary view={query.data} name={name} readOnly owner={query.data.owner} />;
}
