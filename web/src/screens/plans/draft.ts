import type { Plan, PlanCreate, PlanDay, PlanExercise, SetKind, SetTarget, TrainingVisibility } from '../../api/types';
import { formatClock, inputToKg, inputToMetres, kgToInput, metresToInput, parseClock, parseNumber, type Units } from '../../lib/units';

/** The plan builder edits text (what people type); `toPlanCreate` turns it into the API's shape. */
export type RepsMode = 'none' | 'exact' | 'range' | 'amrap';
export type LoadMode = 'none' | 'kg' | 'percent' | 'rpe';

export interface DraftSet {
  key: string;
  kind: SetKind;
  repsMode: RepsMode;
  repsMin: string;
  repsMax: string;
  loadMode: LoadMode;
  load: string;
  /** Seconds as "90" or "1:30". */
  rest: string;
  /** For timed exercises, "m:ss"; for distance ones, in km or miles. */
  duration: string;
  distance: string;
}

export interface DraftExercise {
  key: string;
  exerciseId: string;
  superset: string;
  notes: string;
  sets: DraftSet[];
}

export interface DraftDay {
  key: string;
  name: string;
  notes: string;
  exercises: DraftExercise[];
}

export interface DraftWeek {
  key: string;
  days: DraftDay[];
}

export interface Draft {
  title: string;
  description: string;
  tags: string;
  goal: string;
  visibility: TrainingVisibility;
  weeks: DraftWeek[];
}

export const GOALS = ['strength', 'hypertrophy', 'endurance', 'weight_loss', 'general'] as const;
export const VISIBILITIES: TrainingVisibility[] = ['private', 'followers', 'members', 'public'];
export const SET_KINDS: SetKind[] = ['normal', 'warmup', 'drop', 'failure'];
export const SUPERSET_LABELS = ['A', 'B', 'C', 'D', 'E', 'F'];

let counter = 0;
export const newKey = () => `k${++counter}`;

export const emptySet = (): DraftSet => ({
  key: newKey(),
  kind: 'normal',
  repsMode: 'exact',
  repsMin: '10',
  repsMax: '',
  loadMode: 'none',
  load: '',
  rest: '90',
  duration: '',
  distance: '',
});

export const emptyDay = (name: string): DraftDay => ({ key: newKey(), name, notes: '', exercises: [] });

export const emptyDraft = (firstDayName: string): Draft => ({
  title: '',
  description: '',
  tags: '',
  goal: '',
  visibility: 'private',
  weeks: [{ key: newKey(), days: [emptyDay(firstDayName)] }],
});

/** A copy with fresh keys, so React treats the copy as new rows. */
export const copySet = (s: DraftSet): DraftSet => ({ ...s, key: newKey() });
export const copyExercise = (e: DraftExercise): DraftExercise => ({ ...e, key: newKey(), sets: e.sets.map(copySet) });
export const copyDay = (d: DraftDay, name = d.name): DraftDay => ({ ...d, key: newKey(), name, exercises: d.exercises.map(copyExercise) });
export const copyWeek = (w: DraftWeek): DraftWeek => ({ key: newKey(), days: w.days.map((d) => copyDay(d)) });

/** What a newly added exercise starts with: the usual three work sets, each like `emptySet`. */
export const typicalSets = (): DraftSet[] => {
  const first = emptySet();
  return [first, copySet(first), copySet(first)];
};

/** Moves item `from` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export const insertAfter = <T,>(list: T[], index: number, item: T): T[] => [...list.slice(0, index + 1), item, ...list.slice(index + 1)];
export const replaceAt = <T,>(list: T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));
export const removeAt = <T,>(list: T[], index: number): T[] => list.filter((_, i) => i !== index);

const num = (v: number | null | undefined, lang: string) => (v === undefined || v === null ? '' : lang === 'ru' ? String(v).replace('.', ',') : String(v));

function setFromTarget(s: SetTarget, units: Units, lang: string): DraftSet {
  const reps = s.reps;
  const repsMode: RepsMode = !reps ? 'none' : reps.amrap ? 'amrap' : reps.min != null && reps.max != null && reps.min !== reps.max ? 'range' : 'exact';
  const load = s.load;
  const loadMode: LoadMode = load?.kg != null ? 'kg' : load?.percent_e1rm != null ? 'percent' : load?.rpe != null ? 'rpe' : 'none';
  return {
    key: newKey(),
    kind: s.kind ?? 'normal',
    repsMode,
    repsMin: num(reps?.min ?? reps?.max, lang),
    repsMax: repsMode === 'range' ? num(reps?.max, lang) : '',
    loadMode,
    load:
      loadMode === 'kg'
        ? num(kgToInput(load!.kg!, units), lang)
        : loadMode === 'percent'
          ? num(load!.percent_e1rm!, lang)
          : loadMode === 'rpe'
            ? num(load!.rpe!, lang)
            : '',
    rest: s.rest_s !== undefined && s.rest_s !== null ? String(s.rest_s) : '',
    duration: s.duration_s ? formatClock(s.duration_s) : '',
    distance: s.distance_m ? num(metresToInput(s.distance_m, units), lang) : '',
  };
}

export function draftFromPlan(p: Plan, units: Units, lang: string): Draft {
  return {
    title: p.title,
    description: p.description,
    tags: p.tags.join(', '),
    goal: p.goal ?? '',
    visibility: p.visibility,
    weeks: p.weeks.map((w) => ({
      key: newKey(),
      days: w.days.map((d) => ({
        key: newKey(),
        name: d.name,
        notes: d.notes ?? '',
        exercises: d.exercises.map((e) => ({
          key: newKey(),
          exerciseId: e.exercise_id,
          superset: e.superset ?? '',
          notes: e.notes ?? '',
          sets: e.sets.map((s) => setFromTarget(s, units, lang)),
        })),
      })),
    })),
  };
}

export type DraftErrors = Record<string, string>;

/**
 * The API body for a draft, or the fields that cannot be read as numbers (keyed by the same
 * paths the server uses, e.g. `weeks[0].days[1].exercises[0].sets[2].reps`).
 */
export function toPlanCreate(d: Draft, units: Units, invalidNumber: string): { body: PlanCreate; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const read = (text: string, path: string, parse: (s: string) => number | null = parseNumber) => {
    if (text.trim() === '') return undefined;
    const n = parse(text);
    if (n === null) {
      errors[path] = invalidNumber;
      return undefined;
    }
    return n;
  };
  const weeks = d.weeks.map((w, wi) => ({
    days: w.days.map(
      (day, di): PlanDay => ({
        name: day.name.trim(),
        notes: day.notes,
        exercises: day.exercises.map((e, ei): PlanExercise => {
          const at = `weeks[${wi}].days[${di}].exercises[${ei}]`;
          return {
            exercise_id: e.exerciseId,
            superset: e.superset || undefined,
            notes: e.notes,
            sets: e.sets.map((s, si): SetTarget => {
              const sp = `${at}.sets[${si}]`;
              const target: SetTarget = { kind: s.kind };
              if (s.repsMode === 'amrap') target.reps = { amrap: true };
              else if (s.repsMode !== 'none') {
                const min = read(s.repsMin, `${sp}.reps`);
                const max = s.repsMode === 'range' ? read(s.repsMax, `${sp}.reps`) : min;
                if (min !== undefined) target.reps = { min, max: max ?? min, amrap: false };
              }
              const load = read(s.load, `${sp}.load`);
              if (load !== undefined && s.loadMode === 'kg') target.load = { kg: inputToKg(load, units) };
              if (load !== undefined && s.loadMode === 'percent') target.load = { percent_e1rm: load };
              if (load !== undefined && s.loadMode === 'rpe') target.load = { rpe: load };
              const rest = read(s.rest, `${sp}.rest_s`, parseClock);
              if (rest !== undefined) target.rest_s = rest;
              const duration = read(s.duration, `${sp}.duration_s`, parseClock);
              if (duration !== undefined) target.duration_s = duration;
              const distance = read(s.distance, `${sp}.distance_m`);
              if (distance !== undefined) target.distance_m = inputToMetres(distance, units);
              return target;
            }),
          };
        }),
      }),
    ),
  }));
  const tags = d.tags
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return {
    body: {
      title: d.title.trim(),
      description: d.description,
      tags,
      goal: d.goal || undefined,
      visibility: d.visibility,
      weeks,
    },
    errors,
  };
}
