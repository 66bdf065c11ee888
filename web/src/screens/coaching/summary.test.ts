import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../api/types';
import { adherenceSummary, currentAssignment } from './summary';

const week = (week_start: string, planned: number, done: number) => ({ week_start, planned, done });

describe('adherenceSummary', () => {
  it('counts what was left undone in the weeks that are over as missed, not this week', () => {
    const s = adherenceSummary([week('2026-11-23', 3, 3), week('2026-11-30', 3, 1), week('2026-12-07', 3, 0)]);
    expect(s).toEqual({ planned: 9, done: 4, missed: 2, thisWeek: { planned: 3, done: 0 } });
  });

  it('never counts extra workouts against missed ones of another week', () => {
    const s = adherenceSummary([week('2026-11-23', 2, 4), week('2026-11-30', 3, 1), week('2026-12-07', 0, 0)]);
    expect(s.missed).toBe(2);
    expect(s.done).toBe(5);
  });

  it('is empty before the plan starts', () => {
    expect(adherenceSummary([])).toEqual({ planned: 0, done: 0, missed: 0, thisWeek: null });
  });
});

describe('currentAssignment', () => {
  const plan = { id: 'p', title: 'P', owner_id: 'c', visibility: 'private', tags: [], weeks: 1, days: 3, updated_at: '', version: 1 } as Assignment['plan'];
  const a = (id: string, created_at: string, days_done: number): Assignment => ({ id, plan, coach: 'kim', member: 'mia', start_date: '2026-11-01', days_done, created_at });

  it('takes the member’s newest unfinished plan, else their newest one', () => {
    const older = a('older', '2026-09-01T00:00:00Z', 0);
    const old = a('old', '2026-10-01T00:00:00Z', 1);
    const done = a('done', '2026-11-01T00:00:00Z', 3);
    // In whatever order they come.
    expect(currentAssignment([older, done, old])?.id).toBe('old');
    expect(currentAssignment([done, a('first', '2026-01-01T00:00:00Z', 3)])?.id).toBe('done');
    expect(currentAssignment([])).toBeNull();
  });
});
