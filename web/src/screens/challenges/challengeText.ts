import type { TFunction } from 'i18next';
import type { Challenge } from '../../api/gamification';
import type { Units } from '../../lib/units';
import { formatDay, formatMetricValue } from '../achievements/format';

/** "Workouts · goal 12 workouts", "Volume · race": what counts and how one wins. */
export function challengeRule(t: TFunction, lang: string, c: Challenge, units: Units): string {
  const metric = t(`challenges.metrics.${c.metric}`);
  return c.kind === 'goal' && c.goal != null
    ? t('challenges.goalRule', { metric, goal: formatMetricValue(t, lang, c.metric, c.goal, units) })
    : t('challenges.raceRule', { metric });
}

/** "Dec 1, 2026 – Dec 7, 2026". */
export const challengeDates = (t: TFunction, lang: string, c: Challenge) =>
  t('challenges.dates', { from: formatDay(lang, c.start_date), to: formatDay(lang, c.end_date) });

/** Whole gym or the club's name. */
export const challengeWhere = (t: TFunction, c: Challenge) => (c.scope === 'gym' ? t('challenges.gym') : (c.club_name ?? t('challenges.club')));
