import type { Exercise } from '../../api/types';

/** Test data: a catalogue exercise with sensible defaults. */
export const exercise = (id: string, name_en: string, name_ru: string, over: Partial<Exercise> = {}): Exercise => ({
  id,
  name_en,
  name_ru,
  aliases_en: [],
  aliases_ru: [],
  primary: ['chest'],
  secondary: ['triceps'],
  equipment: 'barbell',
  category: 'strength',
  mechanics: 'compound',
  logging: 'weight_reps',
  scope: 'builtin',
  instructions: [],
  instructions_ru: [],
  ...over,
});
