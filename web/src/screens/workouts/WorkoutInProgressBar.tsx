import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useRestTimer } from '../../lib/restTimer';
import { formatClock, formatHm } from '../../lib/units';
import { useActiveWorkout } from './useActiveWorkout';

/**
 * On every screen but the logger itself: the workout still running on this device, how long it
 * has run, the rest countdown, and a way back to it. Floats above the bottom tabs.
 */
export default function WorkoutInProgressBar({ owner }: { owner: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = useActiveWorkout(owner);
  const { state, remaining } = useRestTimer();
  const [now, setNow] = useState(Date.now());
  const id = active?.workout.id;
  useEffect(() => {
    if (!id) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [id]);
  if (!active || pathname === `/workouts/${id}`) return null;
  const w = active.workout;
  const resting = state?.workoutId === id && remaining > 0;
  return (
    <div className="wk-progress-bar" data-testid="workout-in-progress">
      <Link to={`/workouts/${id}`} className="wk-progress-link">
        <span className="wk-progress-title">
          <strong>{t('logger.inProgress')}</strong>
          <span className="muted">
            {w.title || t('logger.untitled')} · {formatHm((now - Date.parse(w.started_at)) / 1000)}
          </span>
        </span>
        {resting && (
          <span className="wk-progress-rest" role="timer" aria-label={t('rest.remaining', { time: formatClock(remaining) })}>
            {t('rest.label')} {formatClock(remaining)}
          </span>
        )}
        <span className="wk-progress-resume">{t('logger.resume')}</span>
      </Link>
    </div>
  );
}
