import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Badge } from '../../api/gamification';
import '../../i18n/gamification';
import { formatBoardValue } from '../leaderboards/boardValue';
import {
  addDays,
  badgesEarnedSince,
  daysBetween,
  formatBadgeCount,
  formatMetricValue,
  goalFromInput,
  goalToInput,
  levelProgress,
  progressShare,
} from './format';

const t = i18n.t.bind(i18n);

const badge = (over: Partial<Badge>): Badge => ({
  id: 'first_workout',
  name: 'First workout',
  description: 'Finish your first workout.',
  hidden: false,
  repeatable: false,
  earned: false,
  count: 0,
  goal: 1,
  current: 0,
  ...over,
});

describe('gamification numbers', () => {
  it('shows challenge values in the member’s units, counts with plural forms', async () => {
    expect(formatMetricValue(t, 'en', 'volume', 1000, 'metric')).toBe('1,000 kg');
    expect(formatMetricValue(t, 'en', 'volume', 1000, 'imperial')).toBe('2,205 lb');
    expect(formatMetricValue(t, 'en', 'distance', 5000, 'metric')).toBe('5 km');
    expect(formatMetricValue(t, 'en', 'distance', 5000, 'imperial')).toBe('3.11 mi');
    expect(formatMetricValue(t, 'en', 'sessions', 1, 'metric')).toBe('1 workout');
    expect(formatMetricValue(t, 'en', 'exercise_sets', 12, 'metric')).toBe('12 sets');
    expect(formatMetricValue(t, 'en', 'streak', 4, 'metric')).toBe('4 weeks');
    await i18n.changeLanguage('ru');
    expect([1, 3, 5, 21].map((n) => formatMetricValue(t, 'ru', 'active_days', n, 'metric'))).toEqual(['1 день', '3 дня', '5 дней', '21 день']);
    expect(formatMetricValue(t, 'ru', 'volume', 1250.5, 'metric')).toBe('1\u00a0251 кг');
  });

  it('turns a typed goal into what the server stores and back', () => {
    expect(goalFromInput('volume', 1000, 'imperial')).toBeCloseTo(453.592, 3);
    expect(goalFromInput('volume', 1000, 'metric')).toBe(1000);
    expect(goalFromInput('distance', 42.2, 'metric')).toBe(42200);
    expect(goalFromInput('distance', 1, 'imperial')).toBe(1609.3);
    expect(goalFromInput('sessions', 12, 'imperial')).toBe(12);
    expect(goalToInput('volume', 453.592, 'imperial')).toBe(1000);
    expect(goalToInput('distance', 42200, 'metric')).toBe(42.2);
  });

  it('measures progress towards a goal and through a level', () => {
    expect(progressShare(1, 3)).toBeCloseTo(1 / 3);
    expect(progressShare(5, 3)).toBe(1);
    expect(progressShare(null, 3)).toBe(0);
    expect(progressShare(2, 0)).toBe(0);
    // Level 2 spans 100–300 XP.
    expect(levelProgress(150, 100, 300)).toEqual({ into: 50, span: 200, toNext: 150, share: 0.25 });
    expect(levelProgress(0, 0, 100)).toEqual({ into: 0, span: 100, toNext: 100, share: 0 });
  });

  it('shows a volume badge’s counter as a weight, others as numbers', () => {
    expect(formatBadgeCount(t, 'en', { id: 'volume_10t' }, 10_000, 'metric')).toBe('10,000 kg');
    expect(formatBadgeCount(t, 'en', { id: 'volume_10t' }, 10_000, 'imperial')).toBe('22,046 lb');
    expect(formatBadgeCount(t, 'en', { id: 'workouts_10' }, 7, 'imperial')).toBe('7');
  });

  it('finds the badges a workout earned: earned (again) since it started', () => {
    const started = '2026-12-06T17:00:00Z';
    const badges = [
      badge({ id: 'first_workout', earned: true, count: 1, last_earned_at: '2026-12-06T17:45:00Z' }),
      badge({ id: 'first_record', earned: true, count: 1, last_earned_at: '2026-12-01T10:00:00Z' }),
      badge({ id: 'plan_completed', repeatable: true, earned: true, count: 3, last_earned_at: '2026-12-06T17:00:00Z' }),
      badge({ id: 'workouts_10', earned: false, last_earned_at: null }),
    ];
    expect(badgesEarnedSince(badges, started).map((b) => b.id)).toEqual(['first_workout', 'plan_completed']);
  });

  it('shows leaderboard values in their unit', () => {
    const board = (unit: string, metric: 'volume' | 'e1rm' | 'sessions' | 'xp' | 'e1rm_relative') => ({ unit, metric });
    expect(formatBoardValue(t, 'en', board('kg', 'volume'), 12_345.6, 'metric')).toBe('12,346 kg');
    expect(formatBoardValue(t, 'en', board('kg', 'e1rm'), 100, 'imperial')).toBe('220.5 lb');
    expect(formatBoardValue(t, 'en', board('sessions', 'sessions'), 1, 'metric')).toBe('1 workout');
    expect(formatBoardValue(t, 'en', board('xp', 'xp'), 1250, 'metric')).toBe('1,250 XP');
    expect(formatBoardValue(t, 'en', board('x_bodyweight', 'e1rm_relative'), 1.523, 'metric')).toBe('1.52 × body weight');
  });

  it('counts challenge days', () => {
    expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
    expect(daysBetween('2026-12-06', '2026-12-12')).toBe(7);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(3);
  });
});
