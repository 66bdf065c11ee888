import type { TFunction } from 'i18next';
import type { Badge, ChallengeMetric } from '../../api/gamification';
import { formatDistance, formatNumber, formatWeight, inputToKg, inputToMetres, kgToInput, metresToInput, type Units } from '../../lib/units';

/** A value of a challenge metric in the member's units: "1,200 kg", "5 km", "3 workouts". */
export function formatMetricValue(t: TFunction, lang: string, metric: ChallengeMetric, value: number, units: Units): string {
  switch (metric) {
    case 'volume':
      return formatWeight(t, lang, value, units, 0);
    case 'distance':
      return formatDistance(t, lang, value, units);
    default:
      return t(`challenges.count.${metric}`, { count: Math.round(value), value: formatNumber(Math.round(value), lang, 0) });
  }
}

/** What a goal is typed in for a metric: kg or lb, km or mi, or a count. */
export function goalUnit(t: TFunction, metric: ChallengeMetric, units: Units): string {
  if (metric === 'volume') return t(units === 'imperial' ? 'units.lbShort' : 'units.kgShort');
  if (metric === 'distance') return t(units === 'imperial' ? 'units.miShort' : 'units.kmShort');
  return t(`challenges.goalUnits.${metric}`);
}

/** A typed goal in the metric's stored unit (kilograms, metres, or the count itself). */
export function goalFromInput(metric: ChallengeMetric, typed: number, units: Units): number {
  if (metric === 'volume') return inputToKg(typed, units);
  if (metric === 'distance') return inputToMetres(typed, units);
  return typed;
}

/** A stored goal as it is typed. */
export function goalToInput(metric: ChallengeMetric, goal: number, units: Units): number {
  if (metric === 'volume') return kgToInput(goal, units);
  if (metric === 'distance') return metresToInput(goal, units);
  return goal;
}

/** Counts must be whole; weights and distances may have decimals. */
export const wholeGoal = (metric: ChallengeMetric) => metric !== 'volume' && metric !== 'distance';

/** Share of a goal reached, 0–1. */
export function progressShare(value: number | null | undefined, goal: number | null | undefined): number {
  if (!goal || goal <= 0 || !value || value <= 0) return 0;
  return Math.min(1, value / goal);
}

/** Where a level's XP bar stands: XP into the level, XP the level spans, and the share. */
export function levelProgress(xp: number, levelXp: number, nextLevelXp: number) {
  const span = Math.max(1, nextLevelXp - levelXp);
  const into = Math.min(span, Math.max(0, xp - levelXp));
  return { into, span, toNext: span - into, share: into / span };
}

/** A badge's counter in its unit: tonnes lifted in the member's weight unit, else a plain number. */
export function formatBadgeCount(t: TFunction, lang: string, badge: Pick<Badge, 'id'>, value: number, units: Units): string {
  return badge.id.startsWith('volume_') ? formatWeight(t, lang, value, units, 0) : formatNumber(value, lang, 0);
}

/** The badges a workout started at `startedAt` earned: those earned (again) since it began. */
export function badgesEarnedSince(badges: readonly Badge[], startedAt: string): Badge[] {
  const from = Date.parse(startedAt);
  return badges.filter((b) => b.earned && b.last_earned_at && Date.parse(b.last_earned_at) >= from);
}

/** A calendar day (YYYY-MM-DD) as the UI language writes it, without any time zone shift. */
export function formatDay(lang: string, day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** `day` moved by `days` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted (1 for a one-day challenge). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000) + 1;
}
