import { describe, expect, it } from 'vitest';
import { epley, percentToKg, PLATE_SETS, platesPerSide, roundToLoadable, warmupSets } from './plates';
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
});
