/** Test data: a badge and a member's achievements, with sensible defaults. */
export const badge = (over: Record<string, unknown> = {}) => ({
  id: 'first_workout',
  name: 'First workout',
  description: 'Finish your first workout.',
  hidden: false,
  repeatable: false,
  earned: false,
  count: 0,
  first_earned_at: null,
  last_earned_at: null,
  current: 0,
  goal: 1,
  ...over,
});

export const achievements = (over: Record<string, unknown> = {}) => ({
  username: 'alice',
  xp: 150,
  level: 2,
  level_xp: 100,
  next_level_xp: 300,
  xp_today: 60,
  xp_daily_cap: 600,
  workouts: 3,
  volume_kg: 4200,
  records: 2,
  streak: { weeks: 3, best_weeks: 5, freeze_used: true, trained_this_week: false },
  badges: [
    badge({ earned: true, count: 1, first_earned_at: '2026-11-02T10:00:00Z', last_earned_at: '2026-11-02T10:00:00Z', current: 3 }),
    badge({ id: 'volume_10t', name: '10 tonnes', description: 'Lift 10 tonnes in working sets.', current: 4200, goal: 10000 }),
    badge({ id: 'night_owl', name: 'Night owl', description: 'Start 5 workouts at 21:00 or later.', hidden: true, earned: true, count: 1, last_earned_at: '2026-11-20T21:30:00Z', current: 5, goal: 5 }),
    badge({ id: 'plan_completed', name: 'Plan completed', description: 'Finish every day of an assigned plan.', repeatable: true, earned: true, count: 3, last_earned_at: '2026-11-25T10:00:00Z', current: 3 }),
  ],
  flagged_sets: [],
  show_on_leaderboards: true,
  ...over,
});
