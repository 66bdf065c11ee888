import type { TFunction } from 'i18next';
import type { Leaderboard } from '../../api/gamification';
import { formatNumber, formatWeight, type Units } from '../../lib/units';

/** A leaderboard value in its unit, weights in the member's units: "1,250 kg", "4 workouts", "1.52 × bodyweight". */
export function formatBoardValue(t: TFunction, lang: string, board: Pick<Leaderboard, 'unit' | 'metric'>, value: number, units: Units): string {
  switch (board.unit) {
    case 'kg':
      return formatWeight(t, lang, value, units, board.metric === 'volume' ? 0 : 1);
    case 'sessions':
      return t('leaderboards.sessions', { count: Math.round(value), value: formatNumber(Math.round(value), lang, 0) });
    case 'xp':
      return t('achievements.xp', { value: formatNumber(value, lang, 0) });
    case 'x_bodyweight':
      return t('leaderboards.bodyweight', { value: formatNumber(value, lang, 2) });
    default:
      return formatNumber(value, lang);
  }
}
