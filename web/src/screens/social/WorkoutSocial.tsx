import { useTranslation } from 'react-i18next';
import { useKudos } from '../../api/socialQueries';
import { isProblem } from '../../api/problem';
import { LoadError } from '../../components/Alert';
import { KudosIcon } from '../../components/icons';
import { Comments } from './Comments';
import { KudosButton } from './KudosButton';
import './social.css';

/**
 * Kudos and comments under a finished workout for a signed-in member. Nobody gives kudos to
 * their own workout: its owner sees the count instead of the button.
 */
export default function WorkoutSocial({ workoutId, mine }: { workoutId: string; mine: boolean }) {
  const { t } = useTranslation();
  const kudos = useKudos(workoutId);
  // Gone or not visible (deleted meanwhile, made private): nothing to react to.
  if (kudos.isError && isProblem(kudos.error) && kudos.error.status === 404) return null;
  return (
    <>
      <div className="wk-social">
        {kudos.isError ? (
          <LoadError error={kudos.error} onRetry={() => void kudos.refetch()} />
        ) : kudos.data ? (
          mine ? (
            <p className="kudos-total">
              <KudosIcon /> {t('social.kudosCount', { count: kudos.data.kudos })}
            </p>
          ) : (
            <KudosButton workoutId={workoutId} kudos={kudos.data.kudos} kudoed={kudos.data.kudoed} />
          )
        ) : null}
      </div>
      <Comments subject={{ kind: 'workout', id: workoutId }} count={kudos.data?.comments} />
    </>
  );
}
