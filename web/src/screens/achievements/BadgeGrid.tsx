import { useTranslation } from 'react-i18next';
import type { Badge } from '../../api/gamification';
import { useFormat } from '../../lib/format';
import type { Units } from '../../lib/units';
import { BadgeIcon } from './BadgeIcon';
import { formatBadgeCount } from './format';
import { Meter } from './Meter';

/** One badge: its drawing, name and what earns it; when earned, when (and how often); else how far along. */
function BadgeTile({ badge, units }: { badge: Badge; units: Units }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const lang = i18n.language;
  const count = (v: number) => formatBadgeCount(t, lang, badge, v, units);
  return (
    <li className={`badge-tile ${badge.earned ? 'badge-earned' : 'badge-locked'}`}>
      <span className="badge-tile-icon">
        <BadgeIcon id={badge.id} />
        {badge.repeatable && badge.count > 1 && (
          <span className="badge-times" aria-hidden="true">
            {t('achievements.times', { n: badge.count })}
          </span>
        )}
      </span>
      <span className="badge-tile-text">
        <strong className="badge-tile-name">{badge.name}</strong>
        <span className="badge-tile-about">{badge.description}</span>
        {badge.earned ? (
          <span className="badge-tile-status">
            {badge.repeatable && badge.count > 1
              ? t('achievements.earnedTimes', { count: badge.count, date: fmt.date(badge.last_earned_at ?? '') })
              : badge.last_earned_at
                ? t('achievements.earnedOn', { date: fmt.date(badge.last_earned_at) })
                : t('achievements.earned')}
          </span>
        ) : (
          <>
            <span className="badge-tile-status">
              {t('achievements.locked')}
              {badge.current != null && ` · ${t('achievements.progress', { current: count(badge.current), goal: count(badge.goal) })}`}
            </span>
            {badge.current != null && (
              <Meter
                label={t('achievements.progressLabel', { name: badge.name })}
                value={badge.current}
                max={badge.goal}
                text={t('achievements.progress', { current: count(badge.current), goal: count(badge.goal) })}
              />
            )}
          </>
        )}
      </span>
    </li>
  );
}

/** Badges earned first, then (on one's own profile) the ones still to earn with progress. */
export function BadgeGrid({ badges, units, labelledBy }: { badges: Badge[]; units: Units; labelledBy?: string }) {
  const sorted = [...badges.filter((b) => b.earned), ...badges.filter((b) => !b.earned)];
  return (
    <ul className="badge-grid" aria-labelledby={labelledBy}>
      {sorted.map((b) => (
        <BadgeTile key={b.id} badge={b} units={units} />
      ))}
    </ul>
  );
}
