import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise, WorkoutDetail } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { restTimer, unlockAudio } from '../../lib/restTimer';
import { formatClock, type Units } from '../../lib/units';
import {
  changeSet,
  completeSet,
  deleteLoggedSet,
  moveExercise,
  removeExercise,
  uncompleteSet,
  updateSlot,
} from '../../lib/workoutActions';
import {
  DEFAULT_REST_S,
  isLoggable,
  prefill,
  previousFor,
  targetsFor,
  valuesFromSet,
  type ExerciseSlot,
  type SetValues,
} from '../../lib/workoutModel';
import { MoreIcon, PlusIcon } from '../../components/icons';
import { fieldsFor, SetRow } from './SetRow';
import { targetsText, targetText } from './text';

interface ExerciseCardProps {
  workoutId: string;
  slot: ExerciseSlot;
  exercise: Exercise | undefined;
  name: string;
  view: WorkoutDetail;
  position: number;
  count: number;
  units: Units;
  selectedRow: number | null;
  onSelect: (row: number | null) => void;
  /** Messages for sets the server refused, by set id. */
  errors: Record<string, string>;
  /** When a set ticked now counts as done (the workout's end for one entered afterwards). */
  completedAt: () => string;
  /** Rest timer after ticking a set (off when entering a past workout). */
  rest: boolean;
}

/** One exercise in the logger: its targets, "last time", set rows and actions. */
export function ExerciseCard(p: ExerciseCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [menu, setMenu] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const exerciseId = p.slot.exerciseId;
  const logging = p.exercise?.logging;
  const fields = fieldsFor(logging);
  const logged = p.view.sets.filter((s) => s.exercise_id === exerciseId);
  const targets = targetsFor(p.view, exerciseId);
  const previous = previousFor(p.view, exerciseId);
  const planNotes = p.view.plan_day?.exercises.find((e) => e.exercise_id === exerciseId)?.notes;
  const total = Math.max(p.slot.rows, logged.length);
  const restS = (row: number) => p.slot.restS ?? targets[row]?.rest_s ?? targets.at(-1)?.rest_s ?? DEFAULT_REST_S;
  const defaultRest = p.slot.restS ?? targets.find((x) => x.rest_s != null)?.rest_s ?? DEFAULT_REST_S;

  const rows: { values: SetValues; logged?: (typeof logged)[number] }[] = [];
  for (let i = 0; i < total; i++) {
    if (i < logged.length) rows.push({ values: valuesFromSet(logged[i]), logged: logged[i] });
    else rows.push({ values: prefill(p.slot.inputs[i - logged.length], targets[i], previous[i], rows[i - 1]?.values) });
  }
  const firstOpen = logged.length < total ? logged.length : null;

  const toggle = async (i: number) => {
    const row = rows[i]!;
    setHint(null);
    if (row.logged) {
      await uncompleteSet(p.workoutId, row.logged);
      return;
    }
    if (!isLoggable(row.values)) {
      setHint(t('logger.needValues'));
      p.onSelect(i);
      return;
    }
    unlockAudio();
    await completeSet(p.workoutId, { id: exerciseId, logging }, i - logged.length, row.values, p.completedAt());
    if (p.rest) restTimer.start(p.workoutId, restS(i));
    p.onSelect(null);
  };

  const change = (i: number, values: SetValues) => {
    const row = rows[i]!;
    if (row.logged) void changeSet(p.workoutId, row.logged.id, values, logging);
    else {
      const k = i - logged.length;
      void updateSlot(p.workoutId, exerciseId, (s) => {
        const inputs = [...s.inputs];
        while (inputs.length < k) inputs.push({});
        inputs[k] = values;
        return { ...s, inputs };
      });
    }
  };

  const remove = (i: number) => {
    const row = rows[i]!;
    p.onSelect(null);
    if (row.logged) void deleteLoggedSet(p.workoutId, row.logged);
    else {
      const k = i - logged.length;
      void updateSlot(p.workoutId, exerciseId, (s) => ({ ...s, rows: Math.max(0, s.rows - 1), inputs: s.inputs.filter((_, j) => j !== k) }));
    }
  };

  return (
    <section className="card wk-exercise" aria-labelledby={headingId}>
      <div className="wk-exercise-head">
        <div>
          <h2 id={headingId}>{p.name}</h2>
          {targets.length > 0 && <p className="muted wk-targets">{targetsText(t, i18n.language, targets, p.units)}</p>}
          {planNotes && <p className="wk-note">{planNotes}</p>}
        </div>
        <button
          type="button"
          className="wk-icon-btn"
          aria-expanded={menu}
          aria-label={t('logger.exerciseMenu', { exercise: p.name })}
          onClick={() => setMenu((m) => !m)}
        >
          <MoreIcon />
        </button>
      </div>
      {menu && (
        <div className="wk-menu">
          <div className="wk-rest-setting">
            <span>{t('logger.restTime')}</span>
            <Button small aria-label={t('logger.restLess')} onClick={() => void updateSlot(p.workoutId, exerciseId, (s) => ({ ...s, restS: Math.max(0, defaultRest - 15) }))}>
              −15
            </Button>
            <output>{formatClock(defaultRest)}</output>
            <Button small aria-label={t('logger.restMore')} onClick={() => void updateSlot(p.workoutId, exerciseId, (s) => ({ ...s, restS: defaultRest + 15 }))}>
              +15
            </Button>
          </div>
          <div className="actions">
            <Button small disabled={p.position === 0} onClick={() => void moveExercise(p.workoutId, exerciseId, -1)}>
              {t('logger.moveUp')}
            </Button>
            <Button small disabled={p.position === p.count - 1} onClick={() => void moveExercise(p.workoutId, exerciseId, 1)}>
              {t('logger.moveDown')}
            </Button>
            <Button small variant="danger" onClick={() => (logged.length > 0 ? setConfirmRemove(true) : void removeExercise(p.workoutId, exerciseId, []))}>
              {t('logger.removeExercise')}
            </Button>
          </div>
        </div>
      )}
      {total > 0 && (
        <div className={`wk-set wk-set-head wk-cols-${fields.length}`} aria-hidden="true">
          <span>{t('logger.colSet')}</span>
          <span>{t('logger.colPrevious')}</span>
          {fields.map((f) => (
            <span key={f}>
              {f === 'weight_kg'
                ? t(p.units === 'imperial' ? 'logger.lb' : 'logger.kg')
                : f === 'reps'
                  ? t('logger.reps')
                  : f === 'distance_m'
                    ? t(p.units === 'imperial' ? 'logger.mi' : 'logger.km')
                    : t('logger.time')}
            </span>
          ))}
          <span />
        </div>
      )}
      <div className={`wk-rows wk-cols-${fields.length}`}>
        {rows.map((row, i) => (
          <SetRow
            key={row.logged?.id ?? `open-${i - logged.length}`}
            index={i}
            exerciseName={p.name}
            fields={fields}
            values={row.values}
            logged={row.logged}
            previous={previous[i]}
            target={targets[i] ? targetText(t, i18n.language, targets[i], p.units) : undefined}
            selected={p.selectedRow === null ? firstOpen === i : p.selectedRow === i}
            units={p.units}
            error={row.logged ? p.errors[row.logged.id] : undefined}
            onSelect={() => p.onSelect(p.selectedRow === i ? -1 : i)}
            onChange={(v) => change(i, v)}
            onToggle={() => void toggle(i)}
            onRemove={() => remove(i)}
          />
        ))}
      </div>
      {hint && (
        <p className="field-error" role="alert">
          {hint}
        </p>
      )}
      <Button small variant="ghost" className="wk-add-set" onClick={() => void updateSlot(p.workoutId, exerciseId, (s) => ({ ...s, rows: Math.max(s.rows, logged.length) + 1 }))}>
        <PlusIcon /> {t('logger.addSet')}
      </Button>
      <ConfirmDialog
        open={confirmRemove}
        title={t('logger.removeExerciseTitle', { exercise: p.name })}
        confirmLabel={t('logger.removeExercise')}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => {
          setConfirmRemove(false);
          void removeExercise(p.workoutId, exerciseId, logged);
        }}
      >
        <p>{t('logger.removeExerciseBody', { count: logged.length })}</p>
      </ConfirmDialog>
    </section>
  );
}
