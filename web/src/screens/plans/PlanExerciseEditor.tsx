import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../api/types';
import type { Units } from '../../lib/units';
import { Button } from '../../components/Button';
import { exerciseName } from '../exercises/vocab';
import { SUPERSET_LABELS, copySet, emptySet, insertAfter, removeAt, replaceAt, type DraftExercise } from './draft';
import { SetTargetRow } from './SetTargetRow';

interface Props {
  item: DraftExercise;
  exercise: Exercise | undefined;
  index: number;
  count: number;
  units: Units;
  /** Errors under this exercise, keyed by the rest of the server's path (`sets[0].reps`, `notes`…). */
  errorAt: (rest: string) => string | undefined;
  onChange: (item: DraftExercise) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One exercise of a plan day: its sets, superset group, notes, and place in the order. */
export function PlanExerciseEditor({ item, exercise, index, count, units, errorAt, onChange, onMove, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const name = exercise ? exerciseName(exercise, i18n.language) : t('plans.unknownExercise');
  const addSet = () => {
    const last = item.sets[item.sets.length - 1];
    onChange({ ...item, sets: [...item.sets, last ? copySet(last) : emptySet()] });
  };
  // Warm-ups go before the work sets, after any warm-ups already there.
  const addWarmup = () => {
    const lastWarmup = item.sets.map((s) => s.kind).lastIndexOf('warmup');
    onChange({ ...item, sets: insertAfter(item.sets, lastWarmup, { ...emptySet(), kind: 'warmup', repsMin: '8' }) });
  };
  const ownErrors = [errorAt('sets'), errorAt('exercise_id'), errorAt('superset'), errorAt('notes')].filter(Boolean);
  return (
    <fieldset className={`cat-pex${item.superset ? ' cat-pex-superset' : ''}`} aria-describedby={ownErrors.length ? `${id}-err` : undefined}>
      <legend className="cat-pex-legend">
        <span className="cat-pex-order" aria-hidden="true">
          {item.superset ? `${item.superset}${index + 1}` : index + 1}
        </span>
        <span className="cat-pex-name">{name}</span>
      </legend>
      <div className="cat-pex-tools">
        <button type="button" className="cat-icon-btn" disabled={index === 0} aria-label={t('plans.builder.moveUp', { name })} title={t('plans.builder.moveUp', { name })} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button
          type="button"
          className="cat-icon-btn"
          disabled={index === count - 1}
          aria-label={t('plans.builder.moveDown', { name })}
          title={t('plans.builder.moveDown', { name })}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" className="cat-icon-btn" aria-label={t('plans.builder.removeExercise', { name })} title={t('plans.builder.removeExercise', { name })} onClick={onRemove}>
          ✕
        </button>
      </div>
      <div className="cat-sets">
        {item.sets.map((s, si) => (
          <SetTargetRow
            key={s.key}
            set={s}
            number={si + 1}
            logging={exercise?.logging}
            units={units}
            canRemove={item.sets.length > 1}
            errors={{
              reps: errorAt(`sets[${si}].reps`),
              load: errorAt(`sets[${si}].load`),
              rest_s: errorAt(`sets[${si}].rest_s`),
              duration_s: errorAt(`sets[${si}].duration_s`),
              distance_m: errorAt(`sets[${si}].distance_m`),
            }}
            onChange={(next) => onChange({ ...item, sets: replaceAt(item.sets, si, next) })}
            onRemove={() => onChange({ ...item, sets: removeAt(item.sets, si) })}
          />
        ))}
      </div>
      <div className="cat-pex-bottom">
        <Button small onClick={addSet}>
          {t('plans.builder.addSet')}
        </Button>
        <Button small variant="ghost" onClick={addWarmup}>
          {t('plans.builder.addWarmup')}
        </Button>
        <label className="cat-inline-select">
          <span>{t('plans.builder.superset')}</span>
          <select value={item.superset} onChange={(e) => onChange({ ...item, superset: e.target.value })}>
            <option value="">{t('plans.builder.noSuperset')}</option>
            {SUPERSET_LABELS.map((l) => (
              <option key={l} value={l}>
                {t('plans.builder.supersetLabel', { label: l })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field cat-pex-notes">
        <label htmlFor={`${id}-notes`}>{t('plans.builder.exerciseNotes')}</label>
        <input id={`${id}-notes`} value={item.notes} maxLength={1000} aria-invalid={errorAt('notes') ? true : undefined} onChange={(e) => onChange({ ...item, notes: e.target.value })} />
      </div>
      {ownErrors.length > 0 && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {ownErrors.join(' ')}
        </p>
      )}
    </fieldset>
  );
}
