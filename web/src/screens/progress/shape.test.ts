import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { benchRecords, bucket, day, progressFixture, recordsFixture } from './fixtures.test-data';
import {
  addDays,
  currentAndPrevious,
  daySeconds,
  exerciseMetrics,
  exerciseSeries,
  formZone,
  groupRecordEvents,
  heatLevel,
  heatmap,
  heatThresholds,
  monthStartBefore,
  muscleBars,
  rangeDates,
  ratioZone,
  recordRows,
  recordValue,
  relativeChange,
  setMet,
  streakText,
  volumeSeries,
  weekStartOf,
} from './shape';

const t = i18n.t.bind(i18n);

describe('calendar days', () => {
  it('steps days, weeks and months as calendar dates, whatever the device time zone', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // 2026-12-09 is a Wednesday.
    expect(weekStartOf('2026-12-09', 'monday')).toBe('2026-12-07');
    expect(weekStartOf('2026-12-09', 'sunday')).toBe('2026-12-06');
    expect(weekStartOf('2026-12-06', 'monday')).toBe('2026-11-30');
    expect(monthStartBefore('2026-12-09', 12)).toBe('2025-12-01');
    expect(monthStartBefore('2026-03-31', 1)).toBe('2026-02-01');
    expect(daySeconds('1970-01-02')).toBe(86_400);
  });

  it('asks for three months, a year or the five years the server allows', () => {
    expect(rangeDates('3m', '2026-12-09')).toEqual({ from: '2026-09-09', to: '2026-12-09' });
    expect(rangeDates('1y', '2026-12-09')).toEqual({ from: '2025-12-10', to: '2026-12-09' });
    expect(rangeDates('all', '2026-12-09')).toEqual({ from: '2021-12-10', to: '2026-12-09' });
  });
});

describe('week buckets', () => {
  const buckets = [bucket('2026-11-23', 2), bucket('2026-11-30', 0), bucket('2026-12-07', 1, { volume_kg: 4500.4 })];

  it('finds this period and the one before', () => {
    const { current, previous } = currentAndPrevious(buckets);
    expect(current?.start).toBe('2026-12-07');
    expect(previous?.start).toBe('2026-11-30');
    expect(currentAndPrevious([])).toEqual({ current: undefined, previous: undefined });
  });

  it('turns volumes into chart series in the member’s unit, oldest first, the last twelve', () => {
    expect(volumeSeries(buckets, 'metric')).toEqual({ x: buckets.map((b) => daySeconds(b.start)), y: [16000, 0, 4500] });
    expect(volumeSeries(buckets, 'imperial').y).toEqual([35274, 0, 9922]);
    const many = Array.from({ length: 14 }, (_, i) => bucket(addDays('2026-09-07', 7 * i), 1));
    expect(volumeSeries(many, 'metric').x).toHaveLength(12);
    expect(volumeSeries(many, 'metric').x[0]).toBe(daySeconds('2026-09-21'));
  });

  it('compares a period with the one before only when there is something to compare with', () => {
    expect(relativeChange(1200, 1000)).toBeCloseTo(0.2);
    expect(relativeChange(500, 1000)).toBeCloseTo(-0.5);
    expect(relativeChange(500, 0)).toBeNull();
    expect(relativeChange(undefined, 1000)).toBeNull();
  });
});

describe('muscle balance', () => {
  const buckets = [
    bucket('2026-11-16', 1, { muscles: [{ muscle: 'lats', sets: 10, volume_kg: 1 }] }),
    bucket('2026-11-23', 1, { muscles: [{ muscle: 'chest', sets: 4, volume_kg: 1 }] }),
    bucket('2026-11-30', 0, { muscles: [] }),
    bucket('2026-12-07', 1, {
      muscles: [
        { muscle: 'chest', sets: 6, volume_kg: 1 },
        { muscle: 'triceps', sets: 1.5, volume_kg: 1 },
        { muscle: 'biceps', sets: 1.5, volume_kg: 1 },
        { muscle: 'neck', sets: 0, volume_kg: 0 },
      ],
    }),
  ];

  it('shows this week’s sets per muscle, most first, bars relative to the longest', () => {
    expect(muscleBars(buckets, 1)).toEqual([
      { muscle: 'chest', sets: 6, fraction: 1 },
      { muscle: 'biceps', sets: 1.5, fraction: 0.25 },
      { muscle: 'triceps', sets: 1.5, fraction: 0.25 },
    ]);
  });

  it('adds up the last four weeks (ties by name)', () => {
    const bars = muscleBars(buckets, 4);
    expect(bars.map((b) => [b.muscle, b.sets])).toEqual([
      ['chest', 10],
      ['lats', 10],
      ['biceps', 1.5],
      ['triceps', 1.5],
    ]);
    expect(muscleBars(buckets.slice(2, 3), 1)).toEqual([]);
  });
});

describe('streak text', () => {
  it('counts weeks and days in a row, or says how to start', async () => {
    expect(streakText(t, { weeks: 5, days: 1, this_week_sessions: 2 })).toEqual({ weeks: '5 weeks in a row on target', days: 'Trained 1 day in a row' });
    expect(streakText(t, { weeks: 0, days: 0, this_week_sessions: 0 })).toEqual({
      weeks: 'No weekly streak yet: reach your target this week to start one.',
      days: 'No workout today or yesterday.',
    });
    await i18n.changeLanguage('ru');
    expect([1, 2, 5, 21].map((weeks) => streakText(t, { weeks, days: weeks, this_week_sessions: 0 }))).toEqual([
      { weeks: '1 неделя подряд с выполненной целью', days: 'Тренировки 1 день подряд' },
      { weeks: '2 недели подряд с выполненной целью', days: 'Тренировки 2 дня подряд' },
      { weeks: '5 недель подряд с выполненной целью', days: 'Тренировки 5 дней подряд' },
      { weeks: '21 неделя подряд с выполненной целью', days: 'Тренировки 21 день подряд' },
    ]);
  });
});

describe('year heatmap', () => {
  it('splits training days into four levels by the year’s quarters; rest days are 0', () => {
    const days = [100, 200, 300, 400, 500, 600, 700, 800].map((load, i) => day(addDays('2026-11-01', i), 1, { load }));
    const cuts = heatThresholds(days);
    expect(cuts).toEqual([300, 500, 700]);
    expect(days.map((d) => heatLevel(d, cuts))).toEqual([1, 1, 1, 2, 2, 3, 3, 4]);
    expect(heatLevel(undefined, cuts)).toBe(0);
    expect(heatLevel(day('2026-11-30', 0), cuts)).toBe(0);
    // A day without a computed load counts its sets.
    expect(heatLevel(day('2026-11-30', 1, { load: 0, sets: 900 }), cuts)).toBe(4);
    expect(heatThresholds([])).toEqual([0, 0, 0]);
  });

  it('lays out 53 weeks ending with this one, marks training days and leaves the future empty', () => {
    const days = [day('2025-12-01'), day('2026-06-15', 2, { load: 900 }), day('2026-12-08')];
    const map = heatmap(days, '2026-12-09', 'monday');
    expect(map.weeks).toHaveLength(53);
    expect(map.weeks.every((w) => w.length === 7)).toBe(true);
    const last = map.weeks[52]!;
    expect(last[0]?.date).toBe('2026-12-07');
    expect(last[2]?.date).toBe('2026-12-09');
    expect(last.slice(3)).toEqual([null, null, null, null]);
    expect(map.weeks[0]![0]!.date).toBe('2025-12-08');
    // 2025-12-01 is before the first column; two training days remain.
    expect(map.trainingDays).toBe(2);
    expect(last[1]).toMatchObject({ date: '2026-12-08', level: 1 });
    const cells = map.weeks.flat().filter(Boolean);
    expect(cells.find((c) => c!.date === '2026-06-15')!.level).toBeGreaterThan(1);
    // Month labels start a column where a month begins and never crowd each other.
    expect(map.months[0]).toEqual({ column: 0, month: '2025-12' });
    expect(map.months.map((m) => m.month)).toContain('2026-06');
    for (let i = 1; i < map.months.length; i++) expect(map.months[i]!.column - map.months[i - 1]!.column).toBeGreaterThanOrEqual(3);
  });

  it('starts weeks on Sunday when the member does', () => {
    const map = heatmap([], '2026-12-09', 'sunday');
    expect(map.weeks[52]![0]!.date).toBe('2026-12-06');
    expect(map.weeks[52]!.filter(Boolean)).toHaveLength(4);
  });
});

describe('training load in plain words', () => {
  it('places the acute:chronic ratio: light, usual, high, spike', () => {
    expect([null, undefined, 0.5, 0.79, 0.8, 1.0, 1.3, 1.31, 1.5, 1.51, 3].map(ratioZone)).toEqual([
      'none',
      'none',
      'low',
      'low',
      'steady',
      'steady',
      'steady',
      'high',
      'high',
      'spike',
      'spike',
    ]);
  });

  it('reads form relative to fitness: fresh, balanced, tired, very tired', () => {
    const at = (fitness: number, fatigue: number) => formZone({ fitness, fatigue, form: fitness - fatigue });
    expect(at(0, 0)).toBe('none');
    expect(formZone(undefined)).toBe('none');
    expect(at(100, 80)).toBe('fresh');
    expect(at(100, 105)).toBe('balanced');
    expect(at(100, 125)).toBe('tired');
    expect(at(100, 160)).toBe('veryTired');
    // Someone who only just started: no fitness yet, all fatigue.
    expect(at(5, 60)).toBe('veryTired');
  });
});

describe('one exercise', () => {
  it('picks the charts the logging type allows', () => {
    expect(exerciseMetrics('weight_reps')).toEqual(['e1rm', 'heaviest', 'volume']);
    expect(exerciseMetrics('reps')).toEqual(['reps']);
    expect(exerciseMetrics('duration')).toEqual([]);
  });

  it('charts a metric per session in the member’s unit and skips sessions without it', () => {
    const { sessions } = progressFixture();
    const withGap = [...sessions, { ...sessions[1]!, workout_id: 'w10', date: '2026-12-05', e1rm_kg: null }];
    expect(exerciseSeries(withGap, 'e1rm', 'metric')).toEqual({ x: [daySeconds('2026-11-10'), daySeconds('2026-12-01')], y: [110, 116.7] });
    expect(exerciseSeries(withGap, 'heaviest', 'imperial').y).toEqual([209.44, 220.46, 220.46]);
    expect(exerciseSeries(sessions, 'volume', 'metric').y).toEqual([3000, 3600]);
    expect(exerciseSeries(sessions, 'reps', 'metric').y).toEqual([32, 40]);
  });

  it('lists the records an exercise has, in the member’s units and language', async () => {
    const rows = recordRows(t, 'en', benchRecords(), 'metric');
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Estimated 1RM', '116.7 kg'],
      ['Heaviest weight', '100 kg'],
      ['1-rep max', '100 kg'],
      ['3-rep max', '95 kg'],
      ['5-rep max', '90 kg'],
      ['10-rep max', '70 kg'],
      ['Most reps', '12 reps'],
      ['Best set volume', '900 kg'],
      ['Best session volume', '3,600 kg'],
    ]);
    const run = recordRows(t, 'en', benchRecords({ e1rm_kg: null, heaviest_kg: null, most_reps: null, rep_maxes: [], best_set_volume_kg: null, best_session_volume_kg: null, longest_duration_s: 1805, longest_distance_m: 5200 }), 'metric');
    expect(run.map((r) => r.value)).toEqual(['30:05', '5.2 km']);
    await i18n.changeLanguage('ru');
    expect(recordRows(t, 'ru', benchRecords(), 'metric').map((r) => r.value).slice(0, 2)).toEqual(['116,7 кг', '100 кг']);
    expect(recordValue(t, 'ru', 'most_reps', 12, 'metric')).toBe('12 повторов');
    expect(recordValue(t, 'ru', 'session_volume', 3600, 'metric')).toBe('3\u00a0600 кг');
  });
});

describe('record lists', () => {
  it('puts the records one workout set with one exercise together, keeping the order', () => {
    const [a, b] = recordsFixture().recent;
    const again = { ...a!, metric: 'heaviest' as const, value: 100, previous: 97.5 };
    const groups = groupRecordEvents([a!, again, b!, { ...a!, workout_id: 'w1' }]);
    expect(groups.map((g) => [g.exercise_name, g.workout_id, g.events.map((e) => e.metric)])).toEqual([
      ['Bench press', 'w9', ['e1rm', 'heaviest']],
      ['Squat', 'w8', ['rm5']],
      ['Bench press', 'w1', ['e1rm']],
    ]);
    expect(groupRecordEvents([])).toEqual([]);
  });

  it('counts a metric beaten twice in one workout once: the best value against the one before the workout', () => {
    const [a] = recordsFixture().recent;
    const newestFirst = [
      { ...a!, value: 90, previous: 87.5 },
      { ...a!, value: 87.5, previous: 87 },
    ];
    const [group] = groupRecordEvents(newestFirst);
    expect(group!.events).toEqual([{ ...a!, value: 90, previous: 87 }]);
    const first = groupRecordEvents([{ ...a!, value: 60, previous: 55 }, { ...a!, value: 55, previous: null }]);
    expect(first[0]!.events[0]).toMatchObject({ value: 60, previous: null });
  });
});

describe('planned vs done', () => {
  const target = { kind: 'normal' as const, reps: { min: 5, max: 5, amrap: false }, load: { kg: 100 } };

  it('meets a set target with at least the reps and weight asked for', () => {
    expect(setMet(target, { reps: 5, weight_kg: 100 })).toBe(true);
    expect(setMet(target, { reps: 6, weight_kg: 102.5 })).toBe(true);
    expect(setMet(target, { reps: 4, weight_kg: 100 })).toBe(false);
    expect(setMet(target, { reps: 5, weight_kg: 97.5 })).toBe(false);
    expect(setMet({ kind: 'normal', reps: { min: 8, max: 12, amrap: false } }, { reps: 8 })).toBe(true);
    expect(setMet({ kind: 'normal', reps: { amrap: true } }, { reps: 0 })).toBe(false);
    expect(setMet({ kind: 'normal', load: { rpe: 8 } }, { reps: 3 })).toBe(true);
    expect(setMet({ kind: 'normal', duration_s: 60 }, { duration_s: 45 })).toBe(false);
  });
});
