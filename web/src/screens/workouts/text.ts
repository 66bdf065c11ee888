import type { TFunction } from 'i18next';
import type { SetTarget, WorkoutSet } from '../../api/types';
import { formatClock, formatNumber, formatWeight, kgToInput, M_PER_FT, M_PER_MI, type Units } from '../../lib/units';

const num = (lang: string, v: number, digits: number) => formatNumber(v, lang, digits);

/** Distances: km or m (metric), mi or ft (imperial). */
export function formatDistance(t: TFunction, lang: string, m: number, units: Units): string {
  if (units === 'imperial') {
    const mi = m / M_PER_MI;
    return mi >= 0.1 ? t('logger.miValue', { value: num(lang, mi, 2) }) : t('logger.ftValue', { value: num(lang, m / M_PER_FT, 0) });
  }
  return m >= 1000 ? t('logger.kmValue', { value: num(lang, m / 1000, 2) }) : t('logger.mValue', { value: num(lang, m, 0) });
}

/** "8", "8–12", "AMRAP". */
export function repsText(t: TFunction, target: SetTarget['reps']): string | null {
  if (!target) return null;
  if (target.amrap) return t('logger.amrap');
  if (target.min != null && target.max != null && target.min !== target.max) return `${target.min}–${target.max}`;
  const n = target.min ?? target.max;
  return n == null ? null : String(n);
}

/** One set target as a short line: "8–12 × 60 kg", "RPE 8", "1:30". */
export function targetText(t: TFunction, lang: string, target: SetTarget, units: Units): string {
  const parts: string[] = [];
  const reps = repsText(t, target.reps);
  if (reps) parts.push(t('logger.repsCount', { reps }));
  if (target.load?.kg != null) parts.push(formatWeight(t, lang, target.load.kg, units));
  if (target.load?.percent_e1rm != null) parts.push(t('logger.percentE1rm', { value: num(lang, target.load.percent_e1rm, 1) }));
  if (target.load?.rpe != null) parts.push(t('logger.rpeValue', { value: num(lang, target.load.rpe, 1) }));
  if (target.distance_m != null) parts.push(formatDistance(t, lang, target.distance_m, units));
  if (target.duration_s != null) parts.push(formatClock(target.duration_s));
  return parts.join(' · ');
}

/** A plan exercise's sets in a line: "3 × 8–12 reps · 60 kg", or each set when they differ. */
export function targetsText(t: TFunction, lang: string, targets: SetTarget[], units: Units): string {
  if (targets.length === 0) return '';
  const texts = targets.map((s) => targetText(t, lang, s, units));
  if (texts.every((x) => x === texts[0])) {
    return texts[0] ? t('logger.setsTimes', { count: targets.length, what: texts[0] }) : t('logger.setsCount', { count: targets.length });
  }
  return texts.join(', ');
}

/** A logged set in a few characters: "80 kg × 5", "1:30", "5 km · 25:00". */
export function setText(t: TFunction, lang: string, s: Partial<WorkoutSet>, units: Units): string {
  const parts: string[] = [];
  if (s.weight_kg !== undefined && s.weight_kg !== null) {
    parts.push(s.reps !== undefined && s.reps !== null ? `${formatWeight(t, lang, s.weight_kg, units)} × ${s.reps}` : formatWeight(t, lang, s.weight_kg, units));
  } else if (s.reps !== undefined && s.reps !== null) {
    parts.push(t('logger.repsCount', { reps: s.reps }));
  }
  if (s.distance_m !== undefined && s.distance_m !== null) parts.push(formatDistance(t, lang, s.distance_m, units));
  if (s.duration_s !== undefined && s.duration_s !== null) parts.push(formatClock(s.duration_s));
  if (s.rpe !== undefined && s.rpe !== null) parts.push(t('logger.rpeValue', { value: num(lang, s.rpe, 1) }));
  return parts.join(' · ');
}

/**
 * A logged set for the narrow "last time" column, the unit left to the column heading:
 * "47,5 × 10", "12", "1:30", "5 · 25:00".
 */
export function setShortText(t: TFunction, lang: string, s: Partial<WorkoutSet>, units: Units): string {
  const parts: string[] = [];
  const w = s.weight_kg ?? null;
  const reps = s.reps ?? null;
  if (w !== null) parts.push(reps !== null ? `${num(lang, kgToInput(w, units), 2)} × ${reps}` : num(lang, kgToInput(w, units), 2));
  else if (reps !== null) parts.push(String(reps));
  if (s.distance_m != null) parts.push(num(lang, units === 'imperial' ? s.distance_m / M_PER_MI : s.distance_m / 1000, 2));
  if (s.duration_s != null) parts.push(formatClock(s.duration_s));
  return parts.join(' · ') || t('logger.noPrevious');
}

/** The person's local calendar date (YYYY-MM-DD) in their chosen time zone. */
export function localDate(timeZone?: string, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }
}

export const formatVolume = (t: TFunction, lang: string, kg: number, units: Units) =>
  formatWeight(t, lang, Math.round(kg * 10) / 10, units);
