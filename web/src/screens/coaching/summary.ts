import type { AdherenceWeek, Stats } from '../../api/analysis';
import type { Assignment } from '../../api/types';
import { isUnfinished } from '../plans/planQueries';

export interface AdherenceSummary {
  /** Planned and done workouts over the whole assignment so far, this week included. */
  planned: number;
  done: number;
  /** Planned workouts not done in the weeks that are over (this week may still catch up). */
  missed: number;
  thisWeek: { planned: number; done: number } | null;
}

/**
 * Planned vs done from the adherence weeks (oldest first, the last one being the current
 * week): a week that is over counts what was left undone as missed.
 */
export function adherenceSummary(weeks: AdherenceWeek[]): AdherenceSummary {
  const past = weeks.slice(0, -1);
  const current = weeks.at(-1);
  return {
    planned: weeks.reduce((n, w) => n + w.planned, 0),
    done: weeks.reduce((n, w) => n + w.done, 0),
    missed: past.reduce((n, w) => n + Math.max(0, w.planned - w.done), 0),
    thisWeek: current ? { planned: current.planned, done: current.done } : null,
  };
}

/** The week's workouts and the newest training day, from a member's weekly stats. */
export function weekAtGlance(stats: Stats) {
  return {
    sessions: stats.streak.this_week_sessions,
    target: stats.weekly_target,
    lastDay: stats.days.at(-1)?.date ?? null,
  };
}

/**
 * The plan a member follows now, as far as the coach can tell, from the member's assignments
 * (`CoachMember.assignments`): their newest unfinished one, else their newest one.
 */
export function currentAssignment(assignments: Assignment[]): Assignment | null {
  const newestFirst = [...assignments].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return newestFirst.find(isUnfinished) ?? newestFirst[0] ?? null;
}
