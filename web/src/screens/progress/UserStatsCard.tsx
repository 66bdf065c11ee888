import { useTranslation } from 'react-i18next';
import { useUserStats } from '../../api/analysisQueries';
import { formatNumber } from '../../lib/units';
import { currentAndPrevious } from './shape';
import './progress.css';

/**
 * A compact summary of another member's training (last 12 weeks), shown on their profile when
 * the server lets the viewer see it; nothing at all when it does not (404) or fails.
 */
export function UserStatsCard({ username }: { username: string }) {
  const { t, i18n } = useTranslation();
  const query = useUserStats(username);
  const stats = query.data;
  if (!stats) return null;
  const lang = i18n.language;
  const weeks = stats.buckets.slice(-12);
  const { current } = currentAndPrevious(weeks);
  const total = weeks.reduce((n, b) => n + b.sessions, 0);
  const most = Math.max(1, ...weeks.map((b) => b.sessions));
  return (
    <section className="card" aria-labelledby="user-stats-title">
      <h2 id="user-stats-title">{t('publicProfile.stats.title')}</h2>
      <p className="muted pg-small">{t('publicProfile.stats.last12')}</p>
      <div className="pg-spark" role="img" aria-label={t('publicProfile.stats.chartLabel', { values: weeks.map((b) => b.sessions).join(', ') })}>
        {weeks.map((b) => (
          <span key={b.start} className={b.sessions === 0 ? 'pg-spark-empty' : undefined} style={{ height: `${Math.max(4, (b.sessions / most) * 100)}%` }} />
        ))}
      </div>
      <dl className="pg-stats">
        <div>
          <dt>{t('progress.workouts')}</dt>
          <dd>{formatNumber(total, lang, 0)}</dd>
          <dd className="pg-change">{t('publicProfile.stats.perWeek', { value: formatNumber(total / Math.max(weeks.length, 1), lang) })}</dd>
        </div>
        <div>
          <dt>{t('progress.streakTitle')}</dt>
          <dd>{t('publicProfile.stats.streak', { count: stats.streak.weeks })}</dd>
          <dd className="pg-change">{t('publicProfile.stats.streakHint')}</dd>
        </div>
        <div>
          <dt>{t('progress.thisWeek')}</dt>
          <dd>{t('progress.ofTarget', { done: current?.sessions ?? 0, target: stats.weekly_target })}</dd>
        </div>
      </dl>
    </section>
  );
}
