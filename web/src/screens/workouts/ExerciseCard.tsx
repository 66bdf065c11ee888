import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exerciseHistory } from '../../api/training';
import type { Exercise, SetKind, WorkoutDetail, WorkoutSet } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { lastTimeFromHistory } from '../../lib/lastTime';
import { useInstance } from '../../api/queries';
import { percentToKg, plateSetFor, platesPerSide, warmupSets } from '../../lib/plates';
import { restTimer, unlockAudio } from '../../lib/restTimer';
import { formatClock, formatNumber, formatWeight, kgToInput, type Units } from '../../lib/units';
import {
  changeSet,
  completeSet,
  deleteLoggedSet,
  uncompleteSet,
  updateSlot,
} from '../../lib/workoutActions';
import { leaveSuperset, moveExercise, removeExercise, supersetExercises } from '../../lib/loggerActions';
import {
  isLoggable,
  planExerciseFor,
  prefill,
  restAfter,
  targetsFor,
  valuesFromSet,
  type ExerciseSlot,
  type SetValues,
} from '../../lib/workoutModel';
import { MoreIcon, PlusIcon } from '../../components/icons';
import { exerciseKeys } from '../exercises/vocab';
import { ExerciseNoteEditor } from './ExerciseNoteEditor';
import { SupersetChooser, type SupersetPartner } from './SupersetChooser';
import { fieldsFor, SetRow } from './SetRow';
import { targetsText, targetText } from './text';

interface ExerciseCardProps {
  workoutId: string;
  slot: ExerciseSlot;
  exercise: Exercise | undefined;
  name: string;
  view: WorkoutDetail;
  /** Whether "Move up" / "Move down" can move it (see `moveSlot`). */
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** The label of its superset (the plan's or the workout's own), if it is in one. */
  superset?: string;
  /** In one of the workout's own supersets (it can be taken out). */
  ownSuperset: boolean;
  /**
   * The exercises it can be put in a superset with, when the workout makes its own supersets
   * (not one laid out by a plan); undefined when it cannot be (a plan's workout, a full group).
   */
  partners?: SupersetPartner[];
  /** The workout has as many supersets as it may. */
  supersetsFull: boolean;
  units: Units;
  /** The row whose details are open (-1: none); only a tap on a set's number opens them. */
  selectedRow: number;
  onSelect: (row: number) => void;
  /** The row to do next in this exercise, if the next set of the workout is here. */
  nextRow: number | null;
  /** Ticking the next set moves on to the next exercise of the superset (rest after the round). */
  continues: boolean;
  /** "Last time": the server's, or what this device knows (else the exercise's history is asked for). */
  previous: WorkoutSet[];
  /** The member's best estimated 1RM with this exercise, kg. */
  e1rm?: number;
  /** Messages for sets the server refused, by set id. */
  errors: Record<string, string>;
  /** When a set ticked now counts as done (the workout's end for one entered afterwards). */
  completedAt: () => string;
  /** Rest timer after ticking a set (off when entering a past workout). */
  rest: boolean;
  onReplace: () => void;
  /** The member's note on this exercise in this workout ('' when none). */
  note: string;
}

type Row = { values: SetValues; logged?: WorkoutSet };

/** One exercise in the logger: its targets, compact set rows and, on demand, its menu. */
export function ExerciseCard(p: ExerciseCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = useId();
  const [menu, setMenu] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [noting, setNoting] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [message, setMessage] = useState<{ row: number; text: string } | null>(null);
  const exerciseId = p.slot.exerciseId;
  // The gym's plates and bar (the usual ones until the instance is known).
  const plateSet = plateSetFor(p.units, useInstance().data?.plates);
  const logging = p.exercise?.logging;
  const fields = fieldsFor(logging);
  const barbell = p.exercise?.equipment === 'barbell';
  const bodyweight = p.exercise?.equipment === 'bodyweight';
  const logged = p.view.sets.filter((s) => s.exercise_id === exerciseId);
  const planExercise = planExerciseFor(p.view, p.slot);
  const targets = targetsFor(p.view, p.slot.replaces ?? exerciseId);
  const superset = p.superset;
  const total = Math.max(p.slot.rows, logged.length);
  // Only when neither the server's answer nor this device knows an earlier workout with it.
  const history = useInfiniteQuery({
    queryKey: exerciseKeys.history(exerciseId),
    queryFn: ({ pageParam }) => exerciseHistory(exerciseId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: p.previous.length === 0,
    staleTime: 5 * 60_000,
  });
  const previous =
    p.previous.length > 0 ? p.previous : lastTimeFromHistory(history.data?.pages[0]?.items ?? [], p.view.workout.started_at, p.workoutId);
  // Warm-up rows added by the calculator come before the plan's rows: the plan's targets follow them.
  const shift = p.slot.warmupsAdded ?? 0;
  const targetAt = (i: number) => (i >= shift ? targets[i - shift] : undefined);
  const targetKg = (i: number) => {
    const pct = targetAt(i)?.load?.percent_e1rm;
    return pct != null && p.e1rm ? percentToKg(pct, p.e1rm, p.units, barbell, plateSet) : undefined;
  };

  const rows: Row[] = [];
  for (let i = 0; i < total; i++) {
    if (i < logged.length) rows.push({ values: valuesFromSet(logged[i]), logged: logged[i] });
    else rows.push({ values: prefill(p.slot.inputs[i - logged.length], targetAt(i), previous[i], rows[i - 1]?.values, targetKg(i)) });
  }
  const firstOpen = logged.length < total ? logged.length : null;
  const openRows = rows.slice(logged.length);

  const toggle = async (i: number) => {
    const row = rows[i]!;
    setMessage(null);
    if (row.logged) {
      await uncompleteSet(p.workoutId, row.logged);
      return;
    }
    if (!isLoggable(row.values)) {
      setMessage({ row: i, text: t('logger.needValues') });
      return;
    }
    if (fields.includes('weight_kg') && row.values.weight_kg == null && !bodyweight) {
      setMessage({ row: i, text: t('logger.needWeight', { unit: t(p.units === 'imperial' ? 'logger.lb' : 'logger.kg') }) });
      return;
    }
    unlockAudio();
    const restS = restAfter(p.slot, targets, i - shift, row.values.kind);
    await completeSet(p.workoutId, { id: exerciseId, logging }, i - logged.length, row.values, p.completedAt());
    if (p.rest && !(i === firstOpen && p.continues)) restTimer.start(p.workoutId, restS);
  };

  const change = (i: number, values: SetValues) => {
    const row = rows[i]!;
    if (message?.row === i) setMessage(null);
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
    p.onSelect(-1);
    if (row.logged) void deleteLoggedSet(p.workoutId, row.logged);
    else {
      const k = i - logged.length;
      void updateSlot(p.workoutId, exerciseId, (s) => ({
        ...s,
        rows: Math.max(0, s.rows - 1),
        inputs: s.inputs.filter((_, j) => j !== k),
        ...(i < shift ? { warmupsAdded: shift - 1 } : {}),
      }));
    }
  };

  // The first work weight that a warm-up ramp leads to (offered until a work set is logged).
  const workKg = rows.find((r) => (r.values.kind ?? 'normal') !== 'warmup' && r.values.weight_kg)?.values.weight_kg;
  const addWarmups = () => {
    if (!workKg) return;
    const ramp = warmupSets(workKg, p.units, barbell, plateSet);
    // The rows still to do keep what they show now; the ramp goes in front of them.
    const keep = openRows.map((r) => r.values);
    void updateSlot(p.workoutId, exerciseId, (s) => ({
      ...s,
      rows: Math.max(s.rows, logged.length) + ramp.length,
      warmupsAdded: (s.warmupsAdded ?? 0) + ramp.length,
      inputs: [...ramp.map((w): SetValues => ({ kind: 'warmup', ...w })), ...keep],
    }));
    setMenu(false);
  };

  // The rest menu shows the rest that follows the next set, and the other kind's if there are any.
  const nextKind: SetKind = (firstOpen !== null ? rows[firstOpen]!.values.kind : undefined) ?? 'normal';
  const restKinds: ('work' | 'warmup')[] = nextKind === 'warmup' ? ['warmup'] : ['work'];
  const other = nextKind === 'warmup' ? 'work' : 'warmup';
  if (rows.some((r) => ((r.values.kind ?? 'normal') === 'warmup') === (other === 'warmup'))) restKinds.push(other);
  const restRow = (k: 'work' | 'warmup') => {
    const i = rows.findIndex((r, j) => j >= (firstOpen ?? 0) && ((r.values.kind ?? 'normal') === 'warmup') === (k === 'warmup'));
    return i < 0 ? (firstOpen ?? 0) : i;
  };
  const restValue = (k: 'work' | 'warmup') => restAfter(p.slot, targets, restRow(k) - shift, k === 'warmup' ? 'warmup' : 'normal');
  const setRest = (k: 'work' | 'warmup', by: number) => {
    const value = Math.max(0, restValue(k) + by);
    void updateSlot(p.workoutId, exerciseId, (s) => (k === 'warmup' ? { ...s, warmupRestS: value } : { ...s, restS: value }));
  };

  const plateText = (kg: number | undefined) => {
    if (!barbell || kg == null) return undefined;
    const set = plateSet;
    const unit = t(p.units === 'imperial' ? 'logger.lb' : 'logger.kg');
    const plates = platesPerSide(kgToInput(kg, p.units), set);
    if (!plates) return t('logger.platesNone', { bar: formatNumber(set.bar, lang), unit });
    if (plates.length === 0) return t('logger.platesBarOnly', { bar: formatNumber(set.bar, lang), unit });
    return t('logger.platesPerSide', { plates: plates.map((x) => formatNumber(x, lang, 2)).join(' + '), bar: formatNumber(set.bar, lang), unit });
  };
  const hasPercent = targets.some((x) => x.load?.percent_e1rm != null);

  return (
    <section className={`card wk-exercise${superset ? ' wk-exercise-superset' : ''}`} aria-labelledby={headingId}>
      <div className="wk-exercise-head">
        <div>
          {superset && <span className="badge badge-accent wk-superset-badge">{t('logger.superset', { label: superset })}</span>}
          <h2 id={headingId}>{p.name}</h2>
          {targets.length > 0 && <p className="muted wk-targets">{targetsText(t, lang, targets, p.units)}</p>}
          {hasPercent && (
            <p className="muted wk-targets">
              {p.e1rm ? t('logger.e1rmKnown', { value: formatWeight(t, lang, p.e1rm, p.units, 1) }) : t('logger.e1rmUnknown')}
            </p>
          )}
          {planExercise?.notes && <p className="wk-note">{planExercise.notes}</p>}
          {p.note && !noting && (
            <p className="wk-ex-note" data-testid="exercise-note">
              <span className="visually-hidden">{t('exerciseNote.shown')} </span>
              {p.note}
            </p>
          )}
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
          {restKinds.map((k) => (
            <div className="wk-rest-setting" key={k}>
              <span>
                {t(k === 'warmup' ? 'logger.restWarmup' : 'logger.restWork')}
                {k === restKinds[0] && firstOpen !== null && <span className="muted"> {t('logger.restNext')}</span>}
              </span>
              <Button small aria-label={t('logger.restLess')} onClick={() => setRest(k, -15)}>
                −15
              </Button>
              <output data-testid={`rest-${k}`}>{formatClock(restValue(k))}</output>
              <Button small aria-label={t('logger.restMore')} onClick={() => setRest(k, 15)}>
                +15
              </Button>
            </div>
          ))}
          <div className="actions">
            <Button
              small
              onClick={() => {
                setMenu(false);
                setNoting(true);
              }}
            >
              {t(p.note ? 'exerciseNote.edit' : 'exerciseNote.add')}
            </Button>
            {fields.includes('weight_kg') && !bodyweight && (
              <Button small disabled={!workKg || logged.some((x) => x.kind !== 'warmup')} onClick={addWarmups}>
                {t('logger.addWarmups')}
              </Button>
            )}
            <Button
              small
              onClick={() => {
                setMenu(false);
                p.onReplace();
              }}
            >
              {t('logger.replaceExercise')}
            </Button>
            {p.partners && (
              <Button
                small
                onClick={() => {
                  setMenu(false);
                  setChoosing(true);
                }}
              >
                {t('adhocSuperset.with')}
              </Button>
            )}
            {p.ownSuperset && (
              <Button
                small
                onClick={() => {
                  setMenu(false);
                  void leaveSuperset(p.workoutId, exerciseId);
                }}
              >
                {t('adhocSuperset.remove')}
              </Button>
            )}
            <Button small disabled={!p.canMoveUp} onClick={() => void moveExercise(p.workoutId, exerciseId, -1)}>
              {t('logger.moveUp')}
            </Button>
            <Button small disabled={!p.canMoveDown} onClick={() => void moveExercise(p.workoutId, exerciseId, 1)}>
              {t('logger.moveDown')}
            </Button>
            <Button small variant="danger" onClick={() => (logged.length > 0 ? setConfirmRemove(true) : void removeExercise(p.workoutId, exerciseId, []))}>
              {t('logger.removeExercise')}
            </Button>
          </div>
        </div>
      )}
      {choosing && (
        <SupersetChooser
          exerciseName={p.name}
          partners={p.partners ?? []}
          full={p.supersetsFull}
          onClose={() => setChoosing(false)}
          onPick={(partner) => {
            setChoosing(false);
            void supersetExercises(p.workoutId, exerciseId, partner);
          }}
        />
      )}
      {noting && <ExerciseNoteEditor workoutId={p.workoutId} exerciseId={exerciseId} exerciseName={p.name} note={p.note} onDone={() => setNoting(false)} />}
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
            target={targetAt(i) ? targetText(t, lang, targetAt(i)!, p.units) : undefined}
            selected={p.selectedRow === i}
            next={p.nextRow === i}
            plates={fields.includes('weight_kg') ? plateText(row.values.weight_kg) : undefined}
            units={p.units}
            error={row.logged ? p.errors[row.logged.id] : undefined}
            message={message?.row === i ? message.text : undefined}
            onSelect={() => p.onSelect(p.selectedRow === i ? -1 : i)}
            onChange={(v) => change(i, v)}
            onToggle={() => void toggle(i)}
            onRemove={() => remove(i)}
          />
        ))}
      </div>
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
