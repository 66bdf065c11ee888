import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { MAX_EXERCISE_NOTE } from '../../lib/exerciseNotes';
import { setExerciseNote } from '../../lib/loggerActions';
import '../../i18n/training';

/** Writes or changes the member's note on one exercise of the workout (saved through the outbox). */
export function ExerciseNoteEditor({ workoutId, exerciseId, exerciseName, note, onDone }: {
  workoutId: string;
  exerciseId: string;
  exerciseName: string;
  note: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(note);
  const save = async (value: string) => {
    await setExerciseNote(workoutId, exerciseId, value);
    onDone();
  };
  return (
    <form
      className="wk-note-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(text);
      }}
    >
      <TextAreaField
        label={t('exerciseNote.label', { exercise: exerciseName })}
        hint={`${t('exerciseNote.hint', { max: MAX_EXERCISE_NOTE })} ${t('exerciseNote.left', { count: MAX_EXERCISE_NOTE - text.length })}`}
        value={text}
        rows={3}
        maxLength={MAX_EXERCISE_NOTE}
        autoFocus
        onValue={setText}
      />
      <div className="actions">
        <Button type="submit" small variant="primary">
          {t('exerciseNote.save')}
        </Button>
        <Button small onClick={onDone}>
          {t('common.cancel')}
        </Button>
        {note && (
          <Button small variant="danger" onClick={() => void save('')}>
            {t('exerciseNote.remove')}
          </Button>
        )}
      </div>
    </form>
  );
}
