import type { ExerciseNote, Workout } from '../api/types';

/** The longest note on one exercise of a workout. */
export const MAX_EXERCISE_NOTE = 500;

/** The member's note on an exercise of this workout ('' when none). */
export const noteFor = (w: Pick<Workout, 'exercise_notes'>, exerciseId: string) =>
  w.exercise_notes?.find((n) => n.exercise_id === exerciseId)?.text ?? '';

/**
 * The workout's notes with this exercise's note set to `text` (trimmed; empty removes it). The
 * others keep their order; a new note goes last.
 */
export function withNote(notes: readonly ExerciseNote[], exerciseId: string, text: string): ExerciseNote[] {
  const clean = text.trim();
  const rest = notes.filter((n) => n.text.trim() !== '');
  if (!clean) return rest.filter((n) => n.exercise_id !== exerciseId);
  return rest.some((n) => n.exercise_id === exerciseId)
    ? rest.map((n) => (n.exercise_id === exerciseId ? { exercise_id: exerciseId, text: clean } : n))
    : [...rest, { exercise_id: exerciseId, text: clean }];
}
