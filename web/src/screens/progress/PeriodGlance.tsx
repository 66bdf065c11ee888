import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Stats, Streak } from '../../api/analysis';
import { formatHours, formatNumber, formatWeight } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { useActiveWorkout } from '../workouts/useActiveWorkout';
import { currentAndPrevious, relativeChange, streakText } from './shape';

/** This week (or month) at a glance: workouts against the weekly target, volume, time, sets, the streak. */
export function PeriodGlance({ stats, streak, weeklyTarget }: { stats: Stats; streak: Streak; weeklyTarget: number }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const lang = i18n.language;
  const units = me.preferences.units;
  const isWeek = stats.period === 'week';
  const { current, previous } = currentAndPrevious(stats.buckets);
  const sessions = current?.sessions ?? 0;
  const change = relativeChange(current?.volume_kg, previous?.volume_kg);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 });
  const words = streakText(t, streak);
  // The server counts a workout once it is finished; say so while one is under way.
  const active = useActiveWorkout(me.id);
  return (
    <section className="card pg-glance" aria-labelledby="pg-glance-title">
      <div className="pg-card-head">
        <h2 id="pg-glance-title" className="pg-eyebrow">
          {t(isWeek ? 'progress.thisWeek' : 'progress.thisMonth')}
        </h2>
        {isWeek && (
          <Link to="/settings/preferences" className="pg-head-link">
            {t('progress.changeTarget')}
          </Link>
        )}
      </div>
      {isWeek ? (
        <div className="pg-target">
          <p className="pg-target-label">{t('progress.workouts')}</p>
          <p className="pg-big" data-testid="period-sessions">
            {t('progress.ofTarget', { done: sessions, target: weeklyTarget })}
          </p>
          <div
            className="pg-meter"
            role="progressbar"
            aria-label={t('progress.targetLine', { count: weeklyTarget })}
            aria-valuemin={0}
            aria-valuemax={weeklyTarget}
            aria-valuenow={Math.min(sessions, weeklyTarget)}
          >
            <span style={{ width: `${Math.min(100, (sessions / Math.max(weeklyTarget, 1)) * 100)}%` }} />
          </div>
          <p className="muted pg-small">
            {sessions >= weeklyTarget ? <strong className="pg-met">{t('progress.targetMet')}</strong> : t('progress.targetLine', { count: weeklyTarget })}
          </p>
        </div>
      ) : (
        <div className="pg-target">
          <p className="pg-target-label">{t('progress.workouts')}</p>
          <p className="pg-big" data-testid="period-sessions">
            {formatNumber(sessions, lang, 0)}
          </p>
        </div>
      )}
      {active && (
        <p className="muted pg-small" data-testid="period-in-progress">
          {t('progress.inProgressNote')}
        </p>
      )}
      <dl className="pg-stats">
        <div>
          <dt>{t('progress.volume')}</dt>
          <dd>{formatWeight(t, lang, current?.volume_kg ?? 0, units, 0)}</dd>
          {change !== null && <dd className="pg-change">{t(isWeek ? 'progress.vsLastWeek' : 'progress.vsLastMonth', { change: percent.format(change) })}</dd>}
        </div>
        <div>
          <dt>{t('progress.time')}</dt>
          <dd>{formatHours(t, current?.duration_s ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('progress.sets')}</dt>
          <dd>{formatNumber(current?.sets ?? 0, lang, 0)}</dd>
        </div>
      </dl>
      <h3 className="pg-subtitle">{t('progress.streakTitle')}</h3>
      <ul className="pg-streak">
        <li className={streak.weeks > 0 ? 'pg-streak-on' : undefined}>{words.weeks}</li>
        <li className={streak.days > 0 ? 'pg-streak-on' : undefined}>{words.days}</li>
      </ul>
    </section>
  );
}
