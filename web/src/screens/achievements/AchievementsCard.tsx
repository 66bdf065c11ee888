import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Achievements } from '../../api/gamification';
import { useMyAchievements, useUserAchievements } from '../../api/gamificationQueries';
import { LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import '../../i18n/gamification';
import { formatNumber, formatWeight, type Units } from '../../lib/units';
import { BadgeGrid } from './BadgeGrid';
import { FlaggedSets } from './FlaggedSets';
import { levelProgress } from './format';
import { Meter } from './Meter';
import './achievements.css';

/** Level and the XP bar to the next one; for oneself, today's XP against the daily cap. */
function LevelBlock({ a, own }: { a: Achievements; own: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const xp = (v: number) => t('achievements.xp', { value: formatNumber(v, lang, 0) });
  const p = levelProgress(a.xp, a.level_xp, a.next_level_xp);
  return (
    <div className="gm-level">
      <p className="gm-level-line">
        <strong className="gm-level-number">{t('achievements.level', { level: a.level })}</strong>
        <span className="muted">{xp(a.xp)}</span>
      </p>
      <Meter
        label={t('achievements.levelProgress', { level: a.level + 1 })}
        value={p.into}
        max={p.span}
        text={t('achievements.toNext', { xp: xp(p.toNext), level: a.level + 1 })}
      />
      <p className="muted gm-small">{t('achievements.toNext', { xp: xp(p.toNext), level: a.level + 1 })}</p>
      {own && a.xp_today != null && (
        <p className="muted gm-small">
          {t('achievements.today', { value: formatNumber(a.xp_today, lang, 0), cap: formatNumber(a.xp_daily_cap, lang, 0) })}
          {a.xp_today >= a.xp_daily_cap && ` ${t('achievements.capReached')}`}
        </p>
      )}
    </div>
  );
}

/** The weekly streak: weeks in a row, the best, this week, and the month's freeze. */
function StreakBlock({ a, own }: { a: Achievements; own: boolean }) {
  const { t } = useTranslation();
  const s = a.streak;
  return (
    <div className="gm-streak">
      <h3>{t('achievements.streakTitle')}</h3>
      <p className="gm-streak-weeks">{t('achievements.streakWeeks', { count: s.weeks })}</p>
      <ul className="gm-facts">
        <li>{t('achievements.bestWeeks', { count: s.best_weeks })}</li>
        <li>{t(s.trained_this_week ? 'achievements.trainedThisWeek' : own ? 'achievements.notYetThisWeekOwn' : 'achievements.notYetThisWeek')}</li>
        <li>{t(s.freeze_used ? 'achievements.freezeUsed' : 'achievements.freezeLeft')}</li>
      </ul>
    </div>
  );
}

function AchievementsBody({ a, own, units, name }: { a: Achievements; own: boolean; units: Units; name: string }) {
  const { t, i18n } = useTranslation();
  const badgesId = useId();
  const lang = i18n.language;
  const earned = a.badges.filter((b) => b.earned).length;
  return (
    <>
      <div className="gm-top">
        <LevelBlock a={a} own={own} />
        <StreakBlock a={a} own={own} />
      </div>
      <dl className="gm-totals">
        <div>
          <dt>{t('achievements.workouts')}</dt>
          <dd>{formatNumber(a.workouts, lang, 0)}</dd>
        </div>
        <div>
          <dt>{t('achievements.volume')}</dt>
          <dd>{formatWeight(t, lang, a.volume_kg, units, 0)}</dd>
        </div>
        <div>
          <dt>{t('achievements.records')}</dt>
          <dd>{formatNumber(a.records, lang, 0)}</dd>
        </div>
      </dl>
      <h3 id={badgesId}>
        {t('achievements.badgesTitle')}{' '}
        <span className="muted gm-small">{own ? t('achievements.badgesEarned', { earned, total: a.badges.length }) : t('achievements.badgesCount', { count: earned })}</span>
      </h3>
      {a.badges.length === 0 ? (
        <p className="empty-state">{t('achievements.noBadges', { name })}</p>
      ) : (
        <BadgeGrid badges={a.badges} units={units} labelledBy={badgesId} />
      )}
      {own && <p className="muted gm-small">{t('achievements.hiddenHint')}</p>}
    </>
  );
}

/** The signed-in member's own achievements, with the sets waiting for their confirmation. */
export function MyAchievementsCard({ units }: { units: Units }) {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useMyAchievements();
  const { hash } = useLocation();
  const loaded = Boolean(query.data);
  // Arriving from "See all your badges" (#achievements): the card is below the profile form.
  useEffect(() => {
    if (loaded && hash === '#achievements') document.getElementById('achievements')?.scrollIntoView?.();
  }, [loaded, hash]);
  return (
    <>
      {query.data && query.data.flagged_sets.length > 0 && <FlaggedSets sets={query.data.flagged_sets} units={units} />}
      <section className="card gm-card" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('achievements.title')}</h2>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <AchievementsBody a={query.data} own units={units} name="" />
        )}
      </section>
    </>
  );
}

/** Someone's achievements on their profile; nothing when the server does not show them (404). */
export function UserAchievementsCard({ username, units }: { username: string; units: Units }) {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useUserAchievements(username);
  if (!query.data) return null;
  return (
    <section className="card gm-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('achievements.title')}</h2>
      <AchievementsBody a={query.data} own={false} units={units} name={`@${query.data.username}`} />
    </section>
  );
}
