import { describe, expect, it } from 'vitest';
import { epley, percentToKg, plateSetFor, PLATE_SETS, platesPerSide, roundToLoadable, warmupSets } from './plates';
import { KG_PER_LB } from './units';

describe('plates', () => {
  it('loads each side heaviest first from the kg and lb plate sets', () => {
    expect(platesPerSide(102.5, PLATE_SETS.metric)).toEqual([25, 15, 1.25]);
    expect(platesPerSide(20, PLATE_SETS.metric)).toEqual([]);
    expect(platesPerSide(15, PLATE_SETS.metric)).toBeNull();
    expect(platesPerSide(21, PLATE_SETS.metric)).toBeNull();
    expect(platesPerSide(225, PLATE_SETS.imperial)).toEqual([45, 45]);
    expect(platesPerSide(185, PLATE_SETS.imperial)).toEqual([45, 25]);
  });

  it('rounds to the nearest loadable weight, never below the bar', () => {
    expect(roundToLoadable(93.33, PLATE_SETS.metric, true)).toBe(92.5);
    expect(roundToLoadable(94, PLATE_SETS.metric, true)).toBe(95);
    expect(roundToLoadable(12, PLATE_SETS.metric, true)).toBe(20);
    expect(roundToLoadable(12, PLATE_SETS.metric, false)).toBe(12.5);
    expect(roundToLoadable(203, PLATE_SETS.imperial, true)).toBe(205);
  });

  it('turns % of 1RM into kilograms in the member’s unit', () => {
    // 100 kg × 5 → e1RM 116.7 kg; 80 % = 93.3 kg → 92.5 kg on a 20 kg bar.
    expect(percentToKg(80, epley(100, 5), 'metric', true)).toBe(92.5);
    // 80 % of 140 kg = 112 kg = 246.9 lb → 245 lb, stored in kg.
    expect(percentToKg(80, 140, 'imperial', true)).toBeCloseTo(245 * KG_PER_LB, 3);
  });

  it('ramps warm-ups from the bar to 80 % of the first work weight', () => {
    expect(warmupSets(100, 'metric', true)).toEqual([
      { weight_kg: 20, reps: 10 },
      { weight_kg: 40, reps: 5 },
      { weight_kg: 60, reps: 3 },
      { weight_kg: 80, reps: 2 },
    ]);
    // Light work weights skip steps that would not be above the one before.
    expect(warmupSets(40, 'metric', true)).toEqual([
      { weight_kg: 20, reps: 10 },
      { weight_kg: 25, reps: 3 },
      { weight_kg: 32.5, reps: 2 },
    ]);
    expect(warmupSets(30, 'metric', false).map((s) => s.weight_kg)).toEqual([12.5, 17.5, 25]);
  });

  // A gym with a 15 kg bar and no plate under 2.5 kg (loads in steps of 5 kg); 35 lb bar.
  const gym = { kg: [2.5, 20, 10, 5], lb: [45, 25, 10, 5], bar_kg: 15, bar_lb: 35 };

  it('uses the gym’s plates and bar, heaviest first, else the usual ones', () => {
    expect(plateSetFor('metric', gym)).toEqual({ bar: 15, plates: [20, 10, 5, 2.5] });
    expect(plateSetFor('imperial', gym)).toEqual({ bar: 35, plates: [45, 25, 10, 5] });
    expect(plateSetFor('metric', undefined)).toEqual(PLATE_SETS.metric);
    expect(plateSetFor('metric', { ...gym, kg: [] })).toEqual(PLATE_SETS.metric);
  });

  it('rounds, loads and ramps with the gym’s plates', () => {
    const set = plateSetFor('metric', gym);
    // 80 % of 116.7 kg = 93.3 kg: 92.5 with 1.25 kg plates, 95 here (15 + 16 × 5).
    expect(percentToKg(80, epley(100, 5), 'metric', true, set)).toBe(95);
    expect(platesPerSide(95, set)).toEqual([20, 20]);
    expect(platesPerSide(92.5, set)).toBeNull();
    expect(warmupSets(100, 'metric', true, set)).toEqual([
      { weight_kg: 15, reps: 10 },
      { weight_kg: 40, reps: 5 },
      { weight_kg: 60, reps: 3 },
      { weight_kg: 80, reps: 2 },
    ]);
    // 245 lb with 35 lb bar and 5 lb smallest plates: 112 kg × 80 % = 246.9 lb → 245.
    expect(percentToKg(80, 140, 'imperial', true, plateSetFor('imperial', gym))).toBeCloseTo(245 * KG_PER_LB, 3);
    // No bar at all: the ramp starts at 40 %.
    expect(warmupSets(100, 'metric', true, { bar: 0, plates: [20, 10, 5, 2.5] })[0]).toEqual({ weight_kg: 40, reps: 5 });
  });
});
