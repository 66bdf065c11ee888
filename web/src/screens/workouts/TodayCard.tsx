import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { getToday } from '../../api/training';
import type { Today } from '../../api/types';
import { LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import type { Units } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { startWorkout } from '../../lib/workoutActions';
import { useActiveWorkout } from './useActiveWorkout';
import { useExercises } from './useExercises';
import { localDate, targetsText } from './text';
import { useOnline } from './SyncStatus';

function TodayPlan({ today, units }: { today: Today; units: Units }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const fmt = useFormat();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const day = today.plan_day;
  const { name } = useExercises(day?.exercises.map((e) => e.exercise_id) ?? []);
  const start = async () => {
    if (!day || today.week == null || today.day == null) return;
    setBusy(true);
    try {
      const id = await startWorkout({
        owner: me.id,
        plan: { plan_id: today.plan.id, week: today.week, day: today.day, assignment_id: today.assignment_id },
        planDay: day,
      });
      navigate(`/workouts/${id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  if (today.status === 'completed' || !day) {
    return (
      <>
        <h2 id="today-title">{t('today.completedTitle')}</h2>
        <p className="muted">{t('today.completedBody', { plan: today.plan.title })}</p>
      </>
    );
  }
  return (
    <>
      <h2 id="today-title">{day.name || t('today.dayNumber', { day: today.day_number })}</h2>
      <p className="muted wk-today-meta">
        {today.plan.title} ·{' '}
        {t('today.weekDay', { week: (today.week ?? 0) + 1, day: (today.day ?? 0) + 1 })} ·{' '}
        {t('today.progress', { done: today.day_number, total: today.total_days })}
      </p>
      {today.status === 'not_started' && <p className="muted">{t('today.startsOn', { date: fmt.date(`${today.start_date}T12:00:00Z`) })}</p>}
      {day.notes && <p className="wk-note">{day.notes}</p>}
      <ul className="wk-today-list">
        {day.exercises.map((e, i) => (
          <li key={`${e.exercise_id}-${i}`}>
            <span className="wk-today-ex">
              {e.superset && <span className="badge badge-muted">{e.superset}</span>} {name(e.exercise_id)}
            </span>
            <span className="muted">{targetsText(t, i18n.language, e.sets, units)}</span>
          </li>
        ))}
      </ul>
      {error !== null && (
        <p className="field-error" role="alert">
          {problemMessage(t, error)}
        </p>
      )}
      <Button variant="primary" className="btn-block" busy={busy} onClick={() => void start()}>
        {t('today.start')}
      </Button>
    </>
  );
}

/** Home screen card: today's plan day (or a way to train without one), or the workout in progress. */
export function TodayCard() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const online = useOnline();
  const date = localDate(me.preferences.timezone);
  const today = useQuery({ queryKey: ['today', date], queryFn: () => getToday(date) });
  const active = useActiveWorkout(me.id);
  const [busy, setBusy] = useState(false);
  const units = me.preferences.units;
  const startEmpty = async () => {
    setBusy(true);
    const id = await startWorkout({ owner: me.id });
    navigate(`/workouts/${id}`);
  };
  if (active) {
    return (
      <section className="card card-accent wk-today" aria-labelledby="today-title">
        <p className="wk-eyebrow">{t('today.inProgress')}</p>
        <h2 id="today-title">{active.workout.title || t('logger.untitled')}</h2>
        <p className="muted">{t('today.setsLogged', { count: active.sets.length })}</p>
        <Link to={`/workouts/${active.workout.id}`} className="btn btn-primary btn-block">
          {t('today.resume')}
        </Link>
      </section>
    );
  }
  return (
    <section className="card wk-today" aria-labelledby="today-title">
      <p className="wk-eyebrow">{t('today.eyebrow')}</p>
      {today.isPending ? (
        <Loading />
      ) : today.isError ? (
        online ? (
          <LoadError error={today.error} onRetry={() => void today.refetch()} />
        ) : (
          <>
            <h2 id="today-title">{t('today.offlineTitle')}</h2>
            <p className="muted">{t('today.offlineBody')}</p>
          </>
        )
      ) : today.data ? (
        <TodayPlan today={today.data} units={units} />
      ) : (
        <>
          <h2 id="today-title">{t('today.noPlanTitle')}</h2>
          <p className="muted">{t('today.noPlanBody')}</p>
        </>
      )}
      <div className="wk-today-actions">
        <Button
          variant={today.data && today.data.status !== 'completed' ? 'ghost' : 'primary'}
          className={today.data && today.data.status !== 'completed' ? undefined : 'btn-block'}
          busy={busy}
          onClick={() => void startEmpty()}
        >
          {t('today.startEmpty')}
        </Button>
        <Link to="/workouts/new" className="btn btn-ghost">
          {t('today.logPast')}
        </Link>
      </div>
    </section>
  );
}
