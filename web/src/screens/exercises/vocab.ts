import type { Exercise } from '../../api/types';

/** The catalogue's controlled vocabularies (src/training/vocab.rs), in display order. */
export const MUSCLES = [
  'chest',
  'shoulders',
  'triceps',
  'biceps',
  'forearms',
  'lats',
  'middle_back',
  'lower_back',
  'traps',
  'abdominals',
  'quadriceps',
  'hamstrings',
  'glutes',
  'calves',
  'adductors',
  'abductors',
  'neck',
] as const;

export const EQUIPMENT = [
  'barbell',
  'dumbbell',
  'machine',
  'cable',
  'bodyweight',
  'kettlebell',
  'band',
  'ez_bar',
  'medicine_ball',
  'exercise_ball',
  'foam_roll',
  'cardio_machine',
  'other',
] as const;

export const CATEGORIES = ['strength', 'cardio', 'stretching', 'plyometrics', 'powerlifting', 'olympic_weightlifting', 'strongman'] as const;

/** "ru" when the UI speaks Russian, else "en". */
export const nameLanguage = (language: string): 'en' | 'ru' => (language.startsWith('ru') ? 'ru' : 'en');

/** An exercise's name in the UI language, falling back to the other one. */
export function exerciseName(e: Pick<Exercise, 'name_en' | 'name_ru'>, language: string): string {
  return nameLanguage(language) === 'ru' ? e.name_ru || e.name_en : e.name_en || e.name_ru;
}

export function exerciseAliases(e: Exercise, language: string): string[] {
  return nameLanguage(language) === 'ru' ? [...e.aliases_ru, ...e.aliases_en] : [...e.aliases_en, ...e.aliases_ru];
}

export const exerciseKeys = {
  all: ['exercises'] as const,
  list: (f: { q?: string; muscle?: string; equipment?: string; category?: string }) => ['exercises', 'list', f] as const,
  one: (id: string) => ['exercises', 'one', id] as const,
  history: (id: string) => ['exercises', 'history', id] as const,
};

const RECENT_KEY = 'gymbox.recentExercises';
const RECENT_MAX = 12;

/** Exercises picked lately on this device, newest first. */
export function recentExercises(): Exercise[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Exercise[]).filter((e) => e && typeof e.id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberExercise(e: Exercise) {
  try {
    const list = [e, ...recentExercises().filter((r) => r.id !== e.id)].slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // storage may be full or unavailable; recents are a convenience
  }
}

export function forgetExercise(id: string) {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(recentExercises().filter((r) => r.id !== id)));
  } catch {
    // ignore
  }
}

/** Coaches, admins and the owner may assign plans and manage gym-wide exercises. */
export { isCoach } from '../../lib/useSignedInMe';

/**
 * An exercise's how-to steps in the UI language, else in the other one. Built-ins carry both
 * (`instructions` in English); a gym's or member's own exercise has what its author wrote in
 * `instructions`, in whatever language, so `lang` is only given when it is known.
 */
export function exerciseSteps(
  e: Pick<Exercise, 'instructions' | 'instructions_ru' | 'scope'>,
  language: string,
): { steps: string[]; lang?: 'en' | 'ru' } {
  if (e.scope !== 'builtin') return { steps: e.instructions.length > 0 ? e.instructions : e.instructions_ru };
  const ru = { steps: e.instructions_ru, lang: 'ru' as const };
  const en = { steps: e.instructions, lang: 'en' as const };
  const [first, second] = nameLanguage(language) === 'ru' ? [ru, en] : [en, ru];
  return first.steps.length > 0 || second.steps.length === 0 ? first : second;
}
