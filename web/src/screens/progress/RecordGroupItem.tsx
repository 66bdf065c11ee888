import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { recordValue, type RecordGroup } from './shape';

/**
 * The records one workout set with one exercise: which, how much and what each was before,
 * under the date (a link to the workout) and, in lists of many exercises, the exercise.
 */
export function RecordGroupItem({ group, showExercise }: { group: RecordGroup; showExercise?: boolean }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const units = me.preferences.units;
  return (
    <li className="row pg-event">
      <div className="row-main">
        <p className="row-title">
          {showExercise ? (
            <>
              <Link to={`/exercises/${group.exercise_id}`}>{group.exercise_name}</Link>
              <span className="muted pg-event-date">
                {' · '}
                <Link to={`/workouts/${group.workout_id}`}>{format.date(group.achieved_at)}</Link>
              </span>
            </>
          ) : (
            <Link to={`/workouts/${group.workout_id}`}>{format.date(group.achieved_at)}</Link>
          )}
        </p>
        <ul className="pg-event-list">
          {group.events.map((e) => {
            const value = (v: number) => recordValue(t, i18n.language, e.metric, v, units);
            return (
              <li key={e.metric}>
                <span>{t(`progress.metric.${e.metric}`, { defaultValue: e.metric })}</span> <strong>{value(e.value)}</strong>{' '}
                <span className="muted">· {e.previous == null ? t('progress.records.first') : t('progress.records.previous', { value: value(e.previous) })}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
