import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FlaggedSet } from '../../api/gamification';
import { useConfirmSet } from '../../api/gamificationQueries';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import type { Units } from '../../lib/units';
import { setText } from '../workouts/text';
import { useExercises } from '../workouts/useExercises';

/**
 * Sets so heavy they look like typos: kept off leaderboards and challenges until the member
 * confirms them here (or corrects the workout).
 */
export function FlaggedSets({ sets, units }: { sets: FlaggedSet[]; units: Units }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const fmt = useFormat();
  const { name } = useExercises(sets.map((s) => s.exercise_id));
  const confirm = useConfirmSet();
  return (
    <section className="card gm-flagged" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('achievements.flaggedTitle')}</h2>
      <p className="muted">{t('achievements.flaggedIntro')}</p>
      <ul className="rows">
        {sets.map((s) => {
          const what = `${name(s.exercise_id)} — ${setText(t, i18n.language, s, units)}`;
          const busy = confirm.isPending && confirm.variables?.setId === s.set_id;
          return (
            <li key={s.set_id} className="row gm-flagged-row">
              <div className="row-main">
                <p className="row-title">{what}</p>
                <p className="row-meta">
                  <span>{fmt.dateTime(s.completed_at)}</span>
                  <Link to={`/workouts/${s.workout_id}`}>{t('achievements.openWorkout')}</Link>
                </p>
              </div>
              <Button
                small
                variant="primary"
                busy={busy}
                aria-label={t('achievements.confirmSet', { set: what })}
                onClick={() => confirm.mutate({ workoutId: s.workout_id, setId: s.set_id })}
              >
                {t('achievements.confirm')}
              </Button>
            </li>
          );
        })}
      </ul>
      {confirm.isSuccess && <Alert tone="success">{t('achievements.confirmed')}</Alert>}
      {confirm.error && (
        <p className="field-error" role="alert">
          {problemMessage(t, confirm.error)}
        </p>
      )}
    </section>
  );
}
