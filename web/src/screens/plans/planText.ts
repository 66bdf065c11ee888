import type { TFunction } from 'i18next';
import type { SetTarget } from '../../api/types';
import { formatClock, formatDistance, formatNumber, formatWeight, type Units } from '../../lib/units';

/** "8 reps", "8–12 reps" or "AMRAP". */
export function repsText(t: TFunction, s: SetTarget): string | null {
  const r = s.reps;
  if (!r) return null;
  if (r.amrap) return t('plans.target.amrap');
  const min = r.min ?? r.max;
  const max = r.max ?? r.min;
  if (min === undefined || max === undefined) return null;
  return min === max ? t('plans.target.reps', { count: min }) : t('plans.target.range', { min, max });
}

/** "80 kg", "75 % 1RM" or "RPE 8". */
export function loadText(t: TFunction, lang: string, s: SetTarget, units: Units): string | null {
  const l = s.load;
  if (!l) return null;
  if (l.kg !== undefined && l.kg !== null) return formatWeight(t, lang, l.kg, units);
  if (l.percent_e1rm !== undefined && l.percent_e1rm !== null) return t('plans.target.percent', { value: formatNumber(l.percent_e1rm, lang) });
  if (l.rpe !== undefined && l.rpe !== null) return t('plans.target.rpe', { value: formatNumber(l.rpe, lang) });
  return null;
}

/** Everything a set target asks for, in one line. */
export function targetText(t: TFunction, lang: string, s: SetTarget, units: Units): string {
  const parts = [
    repsText(t, s),
    loadText(t, lang, s, units),
    s.duration_s ? formatClock(s.duration_s) : null,
    s.distance_m ? formatDistance(t, lang, s.distance_m, units) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t('plans.target.free');
}

const same = (a: SetTarget, b: SetTarget) => JSON.stringify({ ...a, rest_s: 0 }) === JSON.stringify({ ...b, rest_s: 0 }) && a.rest_s === b.rest_s;

/** Consecutive identical sets folded into "3 × …" lines. */
export function groupSets(sets: SetTarget[]): { set: SetTarget; count: number; first: number }[] {
  const groups: { set: SetTarget; count: number; first: number }[] = [];
  sets.forEach((s, i) => {
    const last = groups[groups.length - 1];
    if (last && same(last.set, s)) last.count += 1;
    else groups.push({ set: s, count: 1, first: i });
  });
  return groups;
}
