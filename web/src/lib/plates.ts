import type { Instance } from '../api/types';
import { inputToKg, kgToInput, type Units } from './units';

/** A bar and the plates a gym has, in the member's unit (kg or lb). */
export interface PlateSet {
  bar: number;
  /** Plate sizes, heaviest first; each may be loaded any number of times in pairs. */
  plates: number[];
}

/** The usual plates and bars: what the logger uses until the gym's own are known. */
export const PLATE_SETS: Record<Units, PlateSet> = {
  metric: { bar: 20, plates: [25, 20, 15, 10, 5, 2.5, 1.25] },
  imperial: { bar: 45, plates: [45, 35, 25, 10, 5, 2.5] },
};

/** The gym's plates and bar (GET /instance) in the member's unit, else the usual ones. */
export function plateSetFor(units: Units, gym: Instance['plates'] | null | undefined): PlateSet {
  const plates = (units === 'imperial' ? gym?.lb : gym?.kg)?.filter((p) => p > 0);
  const bar = units === 'imperial' ? gym?.bar_lb : gym?.bar_kg;
  if (!plates?.length || bar == null || bar < 0) return PLATE_SETS[units];
  return { bar, plates: [...plates].sort((a, b) => b - a) };
}

const tidy = (v: number) => Number(v.toFixed(3));

/** Estimated one-rep max (Epley, as the server's records use): w × (1 + reps / 30). */
export const epley = (kg: number, reps: number) => (reps <= 1 ? kg : kg * (1 + reps / 30));

/**
 * The plates for each side of the bar for a total `weight` (in the set's unit), heaviest first,
 * or null when the weight is lighter than the bar or cannot be made from the plates.
 */
export function platesPerSide(weight: number, set: PlateSet): number[] | null {
  let side = tidy((weight - set.bar) / 2);
  if (side < 0) return null;
  const out: number[] = [];
  for (const p of set.plates) {
    while (side + 1e-9 >= p) {
      out.push(p);
      side = tidy(side - p);
    }
  }
  return side > 1e-6 ? null : out;
}

/**
 * The nearest weight that can be loaded, in the member's unit: the bar plus pairs of plates for
 * a barbell, or steps of two of the smallest plates for anything else (dumbbells, machines).
 */
export function roundToLoadable(weight: number, set: PlateSet, barbell: boolean): number {
  const step = 2 * set.plates.at(-1)!;
  if (!barbell) return Math.max(0, tidy(Math.round(weight / step) * step));
  if (weight <= set.bar) return set.bar;
  return tidy(set.bar + Math.round((weight - set.bar) / step) * step);
}

/** A `% of 1RM` target as a loadable weight in kilograms (rounded in the member's unit). */
export function percentToKg(percent: number, e1rmKg: number, units: Units, barbell: boolean, set: PlateSet = PLATE_SETS[units]): number {
  const shown = kgToInput((e1rmKg * percent) / 100, units);
  return inputToKg(roundToLoadable(shown, set, barbell), units);
}

/** The classic ramp before the first work set: bar × 10, then 40 % × 5, 60 % × 3, 80 % × 2. */
export const WARMUP_RAMP: readonly { percent: number; reps: number }[] = [
  { percent: 0, reps: 10 },
  { percent: 40, reps: 5 },
  { percent: 60, reps: 3 },
  { percent: 80, reps: 2 },
];

/**
 * Warm-up sets (kilograms) for a first work weight: steps below the bar (or repeating the one
 * before) are left out, so a light work weight gets a shorter ramp; without a bar (a gym that
 * loads none) the ramp starts at 40 %.
 */
export function warmupSets(
  workKg: number,
  units: Units,
  barbell: boolean,
  set: PlateSet = PLATE_SETS[units],
): { weight_kg: number; reps: number }[] {
  const work = kgToInput(workKg, units);
  const out: { weight_kg: number; reps: number }[] = [];
  let last = -1;
  for (const step of WARMUP_RAMP) {
    const raw = step.percent === 0 ? (barbell ? set.bar : 0) : (work * step.percent) / 100;
    if (step.percent === 0 && (!barbell || set.bar <= 0)) continue;
    const w = roundToLoadable(raw, set, barbell);
    if (w <= last || w >= work) continue;
    out.push({ weight_kg: inputToKg(w, units), reps: step.reps });
    last = w;
  }
  return out;
}
