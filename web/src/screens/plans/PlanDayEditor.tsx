import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../api/types';
import { Button } from '../../components/Button';
import type { Units } from '../../lib/units';
import { move, removeAt, replaceAt, type DraftDay } from './draft';
import { PlanExerciseEditor } from './PlanExerciseEditor';

interface Props {
  day: DraftDay;
  label: string;
  index: number;
  count: number;
  exercises: Map<string, Exercise>;
  units: Units;
  /** Errors under this day, keyed by the rest of the server's path (`name`, `exercises[0].sets`…). */
  errorAt: (rest: string) => string | undefined;
  onChange: (day: DraftDay) => void;
  onAddExercise: () => void;
  onDuplicate: () => void;
  onMove: (by: -1 | 1) => void;
  onRemove: (() => void) | null;
}

/** A training day in the builder: its name, notes and exercises in order. */
export function PlanDayEditor({ day, label, index, count, exercises, units, errorAt, onChange, onAddExercise, onDuplicate, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const nameError = errorAt('name');
  const listError = errorAt('exercises');
  return (
    <section className="cat-day" aria-labelledby={`${id}-title`}>
      <div className="cat-day-head">
        <h3 id={`${id}-title`}>{label}</h3>
        <div className="cat-day-tools">
          <button type="button" className="cat-icon-btn" disabled={index === 0} aria-label={t('plans.builder.moveDayUp', { day: label })} title={t('plans.builder.moveDayUp', { day: label })} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button
            type="button"
            className="cat-icon-btn"
            disabled={index === count - 1}
            aria-label={t('plans.builder.moveDayDown', { day: label })}
            title={t('plans.builder.moveDayDown', { day: label })}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          {onRemove && (
            <button type="button" className="cat-icon-btn" aria-label={t('plans.builder.removeDay', { day: label })} title={t('plans.builder.removeDay', { day: label })} onClick={onRemove}>
              ✕
            </button>
          )}
        </div>
      </div>
      <div className={`field${nameError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-name`}>{t('plans.builder.dayName')}</label>
        <input
          id={`${id}-name`}
          value={day.name}
          maxLength={80}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onChange={(e) => onChange({ ...day, name: e.target.value })}
        />
        {nameError && (
          <p className="field-error" id={`${id}-name-error`} role="alert">
            {nameError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('plans.builder.dayNotes')}</label>
        <input id={`${id}-notes`} value={day.notes} maxLength={2000} aria-invalid={errorAt('notes') ? true : undefined} onChange={(e) => onChange({ ...day, notes: e.target.value })} />
        {errorAt('notes') && <p className="field-error">{errorAt('notes')}</p>}
      </div>
      {day.exercises.length === 0 && <p className="muted cat-day-empty">{t('plans.builder.noExercises')}</p>}
      {day.exercises.map((ex, ei) => (
        <PlanExerciseEditor
          key={ex.key}
          item={ex}
          exercise={exercises.get(ex.exerciseId)}
          index={ei}
          count={day.exercises.length}
          units={units}
          errorAt={(rest) => errorAt(`exercises[${ei}].${rest}`)}
          onChange={(next) => onChange({ ...day, exercises: replaceAt(day.exercises, ei, next) })}
          onMove={(by) => onChange({ ...day, exercises: move(day.exercises, ei, by) })}
          onRemove={() => onChange({ ...day, exercises: removeAt(day.exercises, ei) })}
        />
      ))}
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
      <div className="actions">
        <Button variant="primary" small onClick={onAddExercise}>
          {t('plans.builder.addExercise')}
        </Button>
        <Button small onClick={onDuplicate}>
          {t('plans.builder.duplicateDay')}
        </Button>
      </div>
    </section>
  );
}
