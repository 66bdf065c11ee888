import type { TFunction } from 'i18next';
import type { LoadDay, ProgressSession, Range, RecordEvent, RecordMetric, RecordSummary, StatsBucket, StatsDay, Streak } from '../../api/analysis';
import type { SetTarget, WorkoutSet } from '../../api/types';
import { formatClock, formatDistance, formatNumber, formatWeight, kgToInput, type Units } from '../../lib/units';

/*
 * Pure data shaping for the progress screens: API answers → chart series, bars, heatmap cells
 * and the words that explain them. Dates are YYYY-MM-DD in the member's time zone and are
 * handled as UTC calendar days so no device time zone can shift them.
 */

const DAY_MS = 86_400_000;

/** A calendar day → seconds since the epoch at 00:00 UTC (chart x values). */
export const daySeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the week holding `iso`. */
export function weekStartOf(iso: string, weekStart: 'monday' | 'sunday'): string {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = weekStart === 'monday' ? (weekday + 6) % 7 : weekday;
  return addDays(iso, -back);
}

/** The first day of the month `monthsBack` months before the month of `iso`. */
export function monthStartBefore(iso: string, monthsBack: number): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
}

export type ProgressRange = '3m' | '1y' | 'all';

/** The dates a range switch asks for, ending today (the server allows five years at most). */
export function rangeDates(range: ProgressRange, today: string): Required<Range> {
  if (range === '3m') return { from: addDays(today, -91), to: today };
  if (range === '1y') return { from: addDays(today, -364), to: today };
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 5);
  return { from: addDays(d.toISOString().slice(0, 10), 1), to: today };
}

/** The bucket in progress (the last one) and the one before it. */
export function currentAndPrevious(buckets: StatsBucket[]): { current?: StatsBucket; previous?: StatsBucket } {
  return { current: buckets[buckets.length - 1], previous: buckets[buckets.length - 2] };
}

/** How much `current` differs from `previous`, as a fraction (0.12 = 12 % more); null without a base. */
export function relativeChange(current: number | undefined, previous: number | undefined): number | null {
  if (current === undefined || previous === undefined || previous <= 0) return null;
  return (current - previous) / previous;
}

/** Volume per bucket, the last `count` buckets, in the member's weight unit. */
export function volumeSeries(buckets: StatsBucket[], units: Units, count = 12): { x: number[]; y: number[] } {
  const shown = buckets.slice(-count);
  return { x: shown.map((b) => daySeconds(b.start)), y: shown.map((b) => Math.round(kgToInput(b.volume_kg, units))) };
}

export interface MuscleBar {
  muscle: string;
  sets: number;
  /** Share of the longest bar, 0–1. */
  fraction: number;
}

/** Working sets per muscle over the last `span` buckets, most first (ties by name). */
export function muscleBars(buckets: StatsBucket[], span: number): MuscleBar[] {
  const sums = new Map<string, number>();
  for (const b of buckets.slice(-span)) {
    for (const m of b.muscles) sums.set(m.muscle, (sums.get(m.muscle) ?? 0) + m.sets);
  }
  const rows = [...sums].filter(([, sets]) => sets > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = rows[0]?.[1] ?? 0;
  return rows.map(([muscle, sets]) => ({ muscle, sets, fraction: max > 0 ? sets / max : 0 }));
}

/** "5 weeks in a row" and "2 days in a row", or what starts a streak. */
export function streakText(t: TFunction, streak: Streak): { weeks: string; days: string } {
  return {
    weeks: streak.weeks > 0 ? t('progress.streak.weeks', { count: streak.weeks }) : t('progress.streak.noWeeks'),
    days: streak.days > 0 ? t('progress.streak.days', { count: streak.days }) : t('progress.streak.noDays'),
  };
}

// Year heatmap

export interface HeatCell {
  date: string;
  /** 0 = no workout, 1–4 = more training that day (quartiles of the year's training days). */
  level: number;
  day?: StatsDay;
}

/** How much training a day held: its load, or its sets when no load was computed. */
const dayAmount = (d: StatsDay) => (d.load > 0 ? d.load : d.sets);

/** Three cut points splitting the year's training days into quarters by amount. */
export function heatThresholds(days: StatsDay[]): [number, number, number] {
  const values = days.filter((d) => d.sessions > 0).map(dayAmount).sort((a, b) => a - b);
  if (values.length === 0) return [0, 0, 0];
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return [at(0.25), at(0.5), at(0.75)];
}

/** 0 for a rest day, else 1–4 by which quarter of the year's training days it falls in. */
export function heatLevel(day: StatsDay | undefined, thresholds: [number, number, number]): number {
  if (!day || day.sessions <= 0) return 0;
  const v = dayAmount(day);
  return 1 + thresholds.filter((cut) => v > cut).length;
}

export interface Heatmap {
  /** Columns of seven days (one week each), oldest first; null for days after today. */
  weeks: (HeatCell | null)[][];
  /** A month name over the column where the month starts (spaced so labels never overlap). */
  months: { column: number; month: string }[];
  trainingDays: number;
}

/** The `weeks` weeks up to the one holding `today`, each day with its heat level. */
export function heatmap(days: StatsDay[], today: string, weekStart: 'monday' | 'sunday', weeks = 53): Heatmap {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = addDays(weekStartOf(today, weekStart), -7 * (weeks - 1));
  const thresholds = heatThresholds(days.filter((d) => d.date >= first && d.date <= today));
  const columns: (HeatCell | null)[][] = [];
  const months: { column: number; month: string }[] = [];
  let trainingDays = 0;
  for (let w = 0; w < weeks; w++) {
    const column: (HeatCell | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(first, w * 7 + i);
      if (date > today) {
        column.push(null);
        continue;
      }
      const day = byDate.get(date);
      const level = heatLevel(day, thresholds);
      if (level > 0) trainingDays += 1;
      column.push({ date, level, day });
      const startsMonth = date.endsWith('-01') || (w === 0 && i === 0);
      const last = months[months.length - 1];
      if (startsMonth && (!last || w - last.column >= 3)) months.push({ column: w, month: date.slice(0, 7) });
    }
    columns.push(column);
  }
  // The first label is dropped when the next month starts right after it.
  if (months.length > 1 && months[1]!.column - months[0]!.column < 3) months.shift();
  return { weeks: columns, months, trainingDays };
}

// Training load

export type RatioZone = 'none' | 'low' | 'steady' | 'high' | 'spike';
export type FormZone = 'none' | 'fresh' | 'balanced' | 'tired' | 'veryTired';

/** Where an acute:chronic ratio sits: under 0.8 light, up to 1.3 usual, up to 1.5 high, above a spike. */
export function ratioZone(ratio: number | null | undefined): RatioZone {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return 'none';
  if (ratio < 0.8) return 'low';
  if (ratio <= 1.3) return 'steady';
  if (ratio <= 1.5) return 'high';
  return 'spike';
}

/**
 * Form (fitness − fatigue) relative to fitness, since its size follows how much one trains:
 * more than +10 % fresh, down to −10 % balanced, down to −30 % tired, below that very tired.
 */
export function formZone(day: Pick<LoadDay, 'fitness' | 'fatigue' | 'form'> | undefined): FormZone {
  if (!day || (day.fitness <= 0 && day.fatigue <= 0)) return 'none';
  const relative = day.form / Math.max(day.fitness, 1);
  if (relative > 0.1) return 'fresh';
  if (relative >= -0.1) return 'balanced';
  if (relative >= -0.3) return 'tired';
  return 'veryTired';
}

export interface LoadSeries {
  x: number[];
  fitness: number[];
  fatigue: number[];
  form: number[];
}

export function loadSeries(days: LoadDay[]): LoadSeries {
  return {
    x: days.map((d) => daySeconds(d.date)),
    fitness: days.map((d) => round1(d.fitness)),
    fatigue: days.map((d) => round1(d.fatigue)),
    form: days.map((d) => round1(d.form)),
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

// One exercise

export type ExerciseMetric = 'e1rm' | 'heaviest' | 'volume' | 'reps';

/** The charts an exercise's sessions can draw, by how it is logged (none for time and distance). */
export function exerciseMetrics(logging: string): ExerciseMetric[] {
  if (logging === 'weight_reps') return ['e1rm', 'heaviest', 'volume'];
  if (logging === 'reps') return ['reps'];
  return [];
}

/** One point per session with a value for the metric: weights in the member's unit, reps as counted. */
export function exerciseSeries(sessions: ProgressSession[], metric: ExerciseMetric, units: Units): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const s of sessions) {
    const raw = metric === 'e1rm' ? s.e1rm_kg : metric === 'heaviest' ? s.heaviest_kg : metric === 'volume' ? s.volume_kg : s.reps;
    if (raw === null || raw === undefined || (metric === 'volume' && raw <= 0)) continue;
    x.push(daySeconds(s.date));
    y.push(metric === 'reps' ? raw : metric === 'volume' ? Math.round(kgToInput(raw, units)) : kgToInput(raw, units));
  }
  return { x, y };
}

export interface RecordGroup {
  exercise_id: string;
  exercise_name: string;
  workout_id: string;
  achieved_at: string;
  events: RecordEvent[];
}

/**
 * Records set in the same workout with the same exercise, together (in the order given). A
 * metric beaten twice in one workout (two sets, each heavier) is one record: the best value,
 * against what stood before the workout. Every record metric is "more is better".
 */
export function groupRecordEvents(events: RecordEvent[]): RecordGroup[] {
  const groups: RecordGroup[] = [];
  for (const e of events) {
    const last = groups[groups.length - 1];
    if (!last || last.workout_id !== e.workout_id || last.exercise_id !== e.exercise_id) {
      groups.push({ exercise_id: e.exercise_id, exercise_name: e.exercise_name, workout_id: e.workout_id, achieved_at: e.achieved_at, events: [{ ...e }] });
      continue;
    }
    const same = last.events.find((x) => x.metric === e.metric);
    if (!same) {
      last.events.push({ ...e });
      continue;
    }
    same.value = Math.max(same.value, e.value);
    same.previous = same.previous == null || e.previous == null ? null : Math.min(same.previous, e.previous);
  }
  return groups;
}

/** A record's value in words: weights in the member's unit, reps, time or distance. */
export function recordValue(t: TFunction, lang: string, metric: RecordMetric, value: number, units: Units): string {
  switch (metric) {
    case 'most_reps':
      return t('progress.repsValue', { count: value, value: formatNumber(value, lang, 0) });
    case 'duration':
      return formatClock(value);
    case 'distance':
      return formatDistance(t, lang, value, units);
    case 'set_volume':
    case 'session_volume':
      return formatWeight(t, lang, value, units, 0);
    case 'e1rm':
      // An estimate: tenths are plenty.
      return formatWeight(t, lang, value, units, 1);
    default:
      return formatWeight(t, lang, value, units);
  }
}

/** The rows of an exercise's records table: label and value, only the records it has. */
export function recordRows(t: TFunction, lang: string, r: RecordSummary, units: Units): { key: string; label: string; value: string }[] {
  const rows: { key: string; label: string; value: string }[] = [];
  const add = (key: string, label: string, value: string) => rows.push({ key, label, value });
  if (r.e1rm_kg != null) add('e1rm', t('progress.metric.e1rm'), recordValue(t, lang, 'e1rm', r.e1rm_kg, units));
  if (r.heaviest_kg != null) add('heaviest', t('progress.metric.heaviest'), formatWeight(t, lang, r.heaviest_kg, units));
  for (const m of [...r.rep_maxes].sort((a, b) => a.reps - b.reps)) {
    add(`rm${m.reps}`, t('progress.repMax', { reps: m.reps }), formatWeight(t, lang, m.weight_kg, units));
  }
  if (r.most_reps != null) add('most_reps', t('progress.metric.most_reps'), recordValue(t, lang, 'most_reps', r.most_reps, units));
  if (r.best_set_volume_kg != null) add('set_volume', t('progress.metric.set_volume'), formatWeight(t, lang, r.best_set_volume_kg, units, 0));
  if (r.best_session_volume_kg != null) add('session_volume', t('progress.metric.session_volume'), formatWeight(t, lang, r.best_session_volume_kg, units, 0));
  if (r.longest_duration_s != null) add('duration', t('progress.metric.duration'), formatClock(r.longest_duration_s));
  if (r.longest_distance_m != null) add('distance', t('progress.metric.distance'), formatDistance(t, lang, r.longest_distance_m, units));
  return rows;
}

/**
 * Whether a done set meets its planned target: at least the (lowest) reps asked for, some reps
 * for AMRAP, at least the weight, time and distance asked for. Targets by % 1RM or RPE only
 * ask for effort and are met by doing the set.
 */
export function setMet(target: SetTarget, actual: Pick<WorkoutSet, 'reps' | 'weight_kg' | 'duration_s' | 'distance_m'>): boolean {
  const reps = actual.reps ?? 0;
  const r = target.reps;
  if (r?.amrap && reps <= 0) return false;
  const minReps = r && !r.amrap ? (r.min ?? r.max) : null;
  if (minReps != null && reps < minReps) return false;
  const kg = target.load?.kg;
  if (kg != null && (actual.weight_kg ?? 0) < kg - 0.01) return false;
  if (target.duration_s != null && (actual.duration_s ?? 0) < target.duration_s) return false;
  if (target.distance_m != null && (actual.distance_m ?? 0) < target.distance_m - 0.01) return false;
  return true;
}
