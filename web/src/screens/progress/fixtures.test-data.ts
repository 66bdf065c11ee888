import type { Adherence, ExerciseProgress, Load, LoadDay, Records, RecordSummary, Stats, StatsBucket, StatsDay } from '../../api/analysis';
import { addDays } from './shape';

/** Test data for the analysis API, shaped like the contract's examples. */

export const bucket = (start: string, sessions: number, over: Partial<StatsBucket> = {}): StatsBucket => ({
  start,
  sessions,
  duration_s: sessions * 3600,
  sets: sessions * 20,
  reps: sessions * 160,
  volume_kg: sessions * 8000,
  muscles: sessions
    ? [
        { muscle: 'chest', sets: sessions * 6, volume_kg: sessions * 2500 },
        { muscle: 'quadriceps', sets: sessions * 5, volume_kg: sessions * 3000 },
        { muscle: 'triceps', sets: sessions * 3, volume_kg: sessions * 600 },
      ]
    : [],
  ...over,
});

export const day = (date: string, sessions = 1, over: Partial<StatsDay> = {}): StatsDay => ({
  date,
  sessions,
  sets: sessions * 20,
  volume_kg: sessions * 8000,
  load: sessions * 420,
  ...over,
});

/** Twelve Monday weeks ending with the one of 2026-12-07 (today = 2026-12-09). */
export function weekStats(sessionsPerWeek: number[] = [2, 3, 3, 1, 0, 3, 4, 3, 2, 3, 3, 1], over: Partial<Stats> = {}): Stats {
  const first = addDays('2026-12-07', -7 * (sessionsPerWeek.length - 1));
  const buckets = sessionsPerWeek.map((n, i) => bucket(addDays(first, 7 * i), n));
  const sum = (k: 'sessions' | 'duration_s' | 'sets' | 'reps' | 'volume_kg') => buckets.reduce((a, b) => a + b[k], 0);
  return {
    timezone: 'UTC',
    period: 'week',
    from: first,
    to: '2026-12-09',
    weekly_target: 3,
    totals: { sessions: sum('sessions'), duration_s: sum('duration_s'), sets: sum('sets'), reps: sum('reps'), volume_kg: sum('volume_kg') },
    buckets,
    days: [day('2026-12-08')],
    streak: { weeks: 2, days: 2, this_week_sessions: sessionsPerWeek[sessionsPerWeek.length - 1] ?? 0 },
    ...over,
  };
}

/** Thirteen months from 2025-12-01 with a training day every few days. */
export function yearStats(over: Partial<Stats> = {}): Stats {
  const buckets: StatsBucket[] = [];
  for (let m = 0; m < 13; m++) {
    const d = new Date(Date.UTC(2025, 11 + m, 1)).toISOString().slice(0, 10);
    buckets.push(bucket(d, 10 + (m % 4)));
  }
  const days: StatsDay[] = [];
  for (let date = '2025-12-01'; date <= '2026-12-09'; date = addDays(date, 1)) {
    const n = Date.parse(date) / 86_400_000;
    if (n % 3 === 0 || n % 7 === 1) days.push(day(date, 1, { load: 300 + (n % 5) * 60, sets: 12 + (n % 9) }));
  }
  return {
    timezone: 'UTC',
    period: 'month',
    from: '2025-12-01',
    to: '2026-12-09',
    weekly_target: 3,
    totals: { sessions: days.length, duration_s: days.length * 3600, sets: 2000, reps: 16000, volume_kg: 900000 },
    buckets,
    days,
    streak: { weeks: 2, days: 2, this_week_sessions: 1 },
    ...over,
  };
}

export const emptyStats = (period: 'week' | 'month'): Stats => {
  const s = period === 'week' ? weekStats(Array(12).fill(0)) : yearStats();
  return {
    ...s,
    buckets: s.buckets.map((b) => bucket(b.start, 0)),
    days: [],
    totals: { sessions: 0, duration_s: 0, sets: 0, reps: 0, volume_kg: 0 },
    streak: { weeks: 0, days: 0, this_week_sessions: 0 },
  };
};

/** 90 days of load: three 60-minute sessions a week at RPE 7, fitness and fatigue as EWMAs. */
export function loadFixture(lastDays: Partial<LoadDay> = {}): Load {
  const days: LoadDay[] = [];
  let fitness = 0;
  let fatigue = 0;
  const history: number[] = [];
  for (let i = 0; i < 90; i++) {
    const date = addDays('2026-09-11', i);
    const load = i % 7 === 0 || i % 7 === 2 || i % 7 === 4 ? 420 : 0;
    history.push(load);
    fitness += (load - fitness) / 42;
    fatigue += (load - fatigue) / 7;
    const mean = (n: number) => (history.slice(-n).reduce((a, b) => a + b, 0) / Math.min(n, history.length)) * 7;
    const acute = mean(7);
    const chronic = mean(28);
    days.push({ date, load, acute, chronic, ratio: chronic > 0 ? acute / chronic : null, fitness, fatigue, form: fitness - fatigue });
  }
  Object.assign(days[days.length - 1]!, lastDays);
  return { default_rpe: 7, acute_days: 7, chronic_days: 28, fitness_days: 42, fatigue_days: 7, days };
}

export const benchRecords = (over: Partial<RecordSummary> = {}): RecordSummary => ({
  exercise_id: 'bench-press',
  exercise_name: 'Bench press',
  e1rm_kg: 116.7,
  heaviest_kg: 100,
  most_reps: 12,
  rep_maxes: [
    { reps: 1, weight_kg: 100 },
    { reps: 3, weight_kg: 95 },
    { reps: 5, weight_kg: 90 },
    { reps: 10, weight_kg: 70 },
  ],
  best_set_volume_kg: 900,
  best_session_volume_kg: 3600,
  longest_duration_s: null,
  longest_distance_m: null,
  last_record_at: '2026-12-01T18:04:05Z',
  ...over,
});

export const recordsFixture = (): Records => ({
  items: [benchRecords(), benchRecords({ exercise_id: 'squat', exercise_name: 'Squat', e1rm_kg: 150, heaviest_kg: 140, most_reps: 8, last_record_at: '2026-11-20T18:00:00Z' })],
  recent: [
    { exercise_id: 'bench-press', exercise_name: 'Bench press', metric: 'e1rm', value: 116.7, previous: 110, achieved_at: '2026-12-01T18:04:05Z', workout_id: 'w9' },
    { exercise_id: 'squat', exercise_name: 'Squat', metric: 'rm5', value: 130, previous: null, achieved_at: '2026-11-20T18:00:00Z', workout_id: 'w8' },
  ],
});

export const progressFixture = (over: Partial<ExerciseProgress> = {}): ExerciseProgress => ({
  exercise_id: 'bench-press',
  records: benchRecords(),
  timeline: [
    { exercise_id: 'bench-press', exercise_name: 'Bench press', metric: 'e1rm', value: 110, previous: null, achieved_at: '2026-11-10T18:00:00Z', workout_id: 'w1' },
    { exercise_id: 'bench-press', exercise_name: 'Bench press', metric: 'e1rm', value: 116.7, previous: 110, achieved_at: '2026-12-01T18:04:05Z', workout_id: 'w9' },
  ],
  sessions: [
    { workout_id: 'w1', date: '2026-11-10', started_at: '2026-11-10T17:00:00Z', e1rm_kg: 110, heaviest_kg: 95, volume_kg: 3000, reps: 32, sets: 4 },
    { workout_id: 'w9', date: '2026-12-01', started_at: '2026-12-01T17:00:00Z', e1rm_kg: 116.7, heaviest_kg: 100, volume_kg: 3600, reps: 40, sets: 4 },
  ],
  ...over,
});

export const adherenceFixture = (): Adherence => ({
  assignment_id: 'a1',
  plan_id: 'p1',
  plan_title: '5x5',
  weeks: [
    { week_start: '2026-11-23', planned: 3, done: 3 },
    { week_start: '2026-11-30', planned: 3, done: 2 },
  ],
  days: [
    {
      workout_id: 'w9',
      date: '2026-12-01',
      week: 1,
      day: 1,
      day_name: 'Day B',
      exercises: [
        {
          exercise_id: 'squat',
          targets: [
            { kind: 'normal', reps: { min: 5, max: 5, amrap: false }, load: { kg: 100 } },
            { kind: 'normal', reps: { min: 5, max: 5, amrap: false }, load: { kg: 100 } },
            { kind: 'normal', reps: { min: 5, max: 5, amrap: false }, load: { kg: 100 } },
          ],
          actual: [
            { id: 's1', exercise_id: 'squat', kind: 'normal', reps: 5, weight_kg: 100, completed_at: '2026-12-01T17:10:00Z', is_record: false },
            { id: 's2', exercise_id: 'squat', kind: 'normal', reps: 4, weight_kg: 100, completed_at: '2026-12-01T17:14:00Z', is_record: false },
          ],
        },
      ],
    },
  ],
});
