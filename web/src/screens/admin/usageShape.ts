import type { Usage } from '../../api/gym';

/** Seconds since the epoch at 00:00 UTC of a `YYYY-MM-DD` day (the charts' x values). */
export const daySeconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/** `YYYY-MM-DD` or `YYYY-MM` named in the UI language, read as a UTC calendar date. */
export function calendarFormat(lang: string, options: Intl.DateTimeFormatOptions) {
  const f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
  return (date: string) => f.format(new Date(date.length === 7 ? `${date}-01T00:00:00Z` : `${date}T00:00:00Z`));
}

export interface UsageTotals {
  workouts: number;
  sets: number;
  newMembers: number;
  /** Members active on an average day of the range. */
  activePerDay: number;
  /** Members active in the latest week of the range. */
  activeLastWeek: number;
}

export function totals(u: Usage): UsageTotals {
  const sum = (f: (d: Usage['days'][number]) => number) => u.days.reduce((n, d) => n + f(d), 0);
  return {
    workouts: sum((d) => d.workouts),
    sets: sum((d) => d.sets),
    newMembers: sum((d) => d.new_members),
    activePerDay: u.days.length ? sum((d) => d.active_members) / u.days.length : 0,
    activeLastWeek: u.weeks[u.weeks.length - 1]?.active_members ?? 0,
  };
}

/** The share of a cohort active in a month (0–1); counts above the cohort's size are capped. */
export const share = (active: number, members: number) => (members > 0 ? Math.min(1, active / members) : 0);

/** Which of the five heat colours a share gets: 0 for none, then quarters. */
export const heatLevel = (s: number) => (s <= 0 ? 0 : s < 0.25 ? 1 : s < 0.5 ? 2 : s < 0.75 ? 3 : 4);

/** How many month columns the retention table needs (the oldest cohort with members). */
export const retentionMonths = (u: Usage) => Math.max(0, ...u.retention.filter((r) => r.members > 0).map((r) => r.active.length));
