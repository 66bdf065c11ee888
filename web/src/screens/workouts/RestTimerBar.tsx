import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restTimer as defaultTimer, useRestTimer, type RestTimer } from '../../lib/restTimer';
import { formatClock } from '../../lib/units';

/** The rest countdown after a set, stuck above the bottom tabs: −15 s, +15 s, skip. */
export function RestTimerBar({ workoutId, timer = defaultTimer }: { workoutId: string; timer?: RestTimer }) {
  const { t } = useTranslation();
  const { state, remaining } = useRestTimer(timer);
  const [announce, setAnnounce] = useState('');
  const running = useRef(false);
  const mine = state?.workoutId === workoutId;
  useEffect(() => {
    if (mine && !running.current) setAnnounce(t('rest.started', { time: formatClock(state!.duration) }));
    if (!mine && running.current) setAnnounce(t('rest.over'));
    running.current = mine;
  }, [mine, state, t]);
  return (
    <>
      <p className="visually-hidden" aria-live="assertive">
        {announce}
      </p>
      {mine && state && (
        <div className="wk-rest" data-testid="rest-timer">
          <div className="wk-rest-progress" style={{ width: `${Math.min(100, (remaining / state.duration) * 100)}%` }} aria-hidden="true" />
          <div className="wk-rest-body">
            <span className="wk-rest-label">{t('rest.label')}</span>
            <span className="wk-rest-time" role="timer" aria-label={t('rest.remaining', { time: formatClock(remaining) })}>
              {formatClock(remaining)}
            </span>
            <button type="button" className="wk-rest-btn" aria-label={t('rest.less')} onClick={() => timer.adjust(-15)}>
              −15
            </button>
            <button type="button" className="wk-rest-btn" aria-label={t('rest.more')} onClick={() => timer.adjust(15)}>
              +15
            </button>
            <button type="button" className="wk-rest-btn wk-rest-skip" onClick={() => timer.skip()}>
              {t('rest.skip')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
