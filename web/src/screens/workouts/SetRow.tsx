import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise, SetKind, WorkoutSet } from '../../api/types';
import {
  formatClock,
  formatNumber,
  inputToKg,
  inputToMetres,
  kgToInput,
  metresToInput,
  numberToInput,
  parseClock,
  parseNumber,
  type Units,
} from '../../lib/units';
import { type SetValues, valuesFromSet } from '../../lib/workoutModel';
import { CheckIcon, MinusIcon, PlusIcon, TrophyIcon } from '../../components/icons';
import { setShortText, setText } from './text';

export type FieldKey = 'weight_kg' | 'reps' | 'duration_s' | 'distance_m';

export function fieldsFor(logging: Exercise['logging'] | undefined): FieldKey[] {
  switch (logging) {
    case 'reps':
      return ['reps'];
    case 'duration':
      return ['duration_s'];
    case 'distance_duration':
      return ['distance_m', 'duration_s'];
    default:
      return ['weight_kg', 'reps'];
  }
}

const KINDS: SetKind[] = ['normal', 'warmup', 'drop', 'failure'];
const RPES = [6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10];

/** Converts between SI values and what an input shows, in the person's units. */
function useFieldCodec(units: Units) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return {
    unit: (f: FieldKey) =>
      f === 'weight_kg' ? t(units === 'imperial' ? 'logger.lb' : 'logger.kg') : f === 'distance_m' ? t(units === 'imperial' ? 'logger.mi' : 'logger.km') : f === 'reps' ? t('logger.reps') : t('logger.time'),
    show: (f: FieldKey, v: number | undefined): string => {
      if (v === undefined || v === null) return '';
      if (f === 'weight_kg') return numberToInput(kgToInput(v, units), lang);
      if (f === 'distance_m') return numberToInput(metresToInput(v, units), lang);
      if (f === 'duration_s') return formatClock(v);
      return String(v);
    },
    parse: (f: FieldKey, text: string): number | undefined | null => {
      if (text.trim() === '') return undefined;
      if (f === 'duration_s') return parseClock(text);
      const n = parseNumber(text);
      if (n === null) return null;
      if (f === 'weight_kg') return inputToKg(n, units);
      if (f === 'distance_m') return inputToMetres(n, units);
      return Math.round(n);
    },
    /** One tap of a stepper, in SI. */
    step: (f: FieldKey, v: number | undefined, dir: 1 | -1): number => {
      const cur = v ?? 0;
      if (f === 'weight_kg') {
        const shown = kgToInput(cur, units);
        const inc = units === 'imperial' ? 5 : 2.5;
        return inputToKg(Math.max(0, Math.round((shown + dir * inc) / inc) * inc), units);
      }
      if (f === 'distance_m') {
        const shown = metresToInput(cur, units);
        return inputToMetres(Math.max(0, Math.round((shown + dir * 0.1) * 10) / 10), units);
      }
      if (f === 'duration_s') return Math.max(0, cur + dir * 15);
      return Math.max(0, cur + dir);
    },
  };
}

function FieldInput({ field, value, label, units, invalid, describedBy, onCommit }: {
  field: FieldKey;
  value: number | undefined;
  label: string;
  units: Units;
  invalid?: boolean;
  describedBy?: string;
  onCommit: (v: number | undefined) => void;
}) {
  const codec = useFieldCodec(units);
  const shown = codec.show(field, value);
  // What the person is typing, while the field has focus; otherwise the value itself, so a
  // stepper or a sync shows at once (no copy to keep in step).
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? shown;
  const parsed = codec.parse(field, text);
  const commit = () => {
    if (parsed !== null && parsed !== value) onCommit(parsed);
  };
  return (
    <input
      className="wk-input"
      aria-label={label}
      inputMode={field === 'reps' ? 'numeric' : field === 'duration_s' ? 'text' : 'decimal'}
      enterKeyHint="done"
      autoComplete="off"
      value={text}
      aria-invalid={parsed === null || invalid ? true : undefined}
      aria-describedby={describedBy}
      onFocus={(e) => {
        setDraft(shown);
        e.target.select();
      }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        commit();
        setDraft(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

export interface SetRowProps {
  index: number;
  exerciseName: string;
  fields: FieldKey[];
  values: SetValues;
  logged?: WorkoutSet;
  previous?: WorkoutSet;
  target?: string;
  /** Its details (steppers, RPE, set type, plates, remove) are open: only when asked for. */
  selected: boolean;
  /** The set to do next (marked without changing the row's size). */
  next: boolean;
  /** Plates per side for a barbell's weight, when they can be loaded. */
  plates?: string;
  units: Units;
  error?: string;
  /** Why the tick did not log the set (e.g. no weight). */
  message?: string;
  onSelect: () => void;
  onChange: (values: SetValues) => void;
  onToggle: () => void;
  onRemove: () => void;
}

/**
 * One set in a compact row: number (or set type), last time, the numbers and a big tick. Its
 * details open below it only when the number is tapped, so ticking never moves a row.
 */
export function SetRow(p: SetRowProps) {
  const { t, i18n } = useTranslation();
  const codec = useFieldCodec(p.units);
  const panelId = useId();
  const messageId = useId();
  const n = p.index + 1;
  const kind = p.values.kind ?? 'normal';
  const kindMark = kind === 'normal' ? String(n) : t(`logger.kindShort.${kind}`);
  const done = !!p.logged;
  const record = !!p.logged?.is_record;
  const prevShort = p.previous ? setShortText(t, i18n.language, p.previous, p.units) : '';
  const prevText = p.previous ? setText(t, i18n.language, p.previous, p.units) : '';
  const set = (patch: SetValues) => p.onChange({ ...p.values, ...patch });
  const weightMissing = !!p.message && p.fields.includes('weight_kg') && p.values.weight_kg == null;
  return (
    <div className={`wk-set-wrap${p.selected ? ' wk-set-selected' : ''}`}>
      <div className={`wk-set${done ? ' wk-set-done' : ''}${p.next && !done ? ' wk-set-next' : ''}`} data-testid="set-row">
        <button
          type="button"
          className={`wk-kind wk-kind-${kind}`}
          aria-expanded={p.selected}
          aria-controls={panelId}
          aria-label={t('logger.setOptions', { n, exercise: p.exerciseName, kind: t(`logger.kind.${kind}`) })}
          onClick={p.onSelect}
        >
          {kindMark}
        </button>
        <button
          type="button"
          className="wk-prev"
          disabled={!p.previous || done}
          aria-label={p.previous ? t('logger.usePrevious', { value: prevShort }) : t('logger.noPrevious')}
          data-testid="last-time"
          onClick={() => {
            if (!p.previous) return;
            const { reps, weight_kg, duration_s, distance_m } = valuesFromSet(p.previous);
            p.onChange({ ...p.values, reps, weight_kg, duration_s, distance_m });
          }}
        >
          {prevShort || '—'}
        </button>
        {p.fields.map((f) => (
          <FieldInput
            key={f}
            field={f}
            units={p.units}
            value={p.values[f]}
            label={t('logger.fieldLabel', { field: codec.unit(f), n, exercise: p.exerciseName })}
            invalid={f === 'weight_kg' && weightMissing}
            describedBy={p.message ? messageId : undefined}
            onCommit={(v) => set({ [f]: v })}
          />
        ))}
        <button
          type="button"
          className={`wk-tick${done ? ' wk-tick-done' : ''}${record ? ' wk-tick-record' : ''}`}
          aria-pressed={done}
          aria-label={done ? t('logger.undoSet', { n, exercise: p.exerciseName }) : t('logger.completeSet', { n, exercise: p.exerciseName })}
          aria-describedby={record ? `${panelId}-record` : undefined}
          onClick={p.onToggle}
        >
          {record ? <TrophyIcon /> : <CheckIcon />}
        </button>
        {record && (
          <span id={`${panelId}-record`} className="visually-hidden">
            {t('logger.record')}
          </span>
        )}
      </div>
      {p.message && (
        <p className="field-error wk-set-message" id={messageId} role="alert">
          {p.message}
        </p>
      )}
      {p.error && (
        <p className="field-error" role="alert">
          {p.error}
        </p>
      )}
      {p.selected && (
        <div className="wk-panel" id={panelId}>
          {p.target && <p className="muted wk-panel-target">{t('logger.target', { value: p.target })}</p>}
          {p.previous && <p className="muted wk-panel-target">{t('logger.lastTimeValue', { value: prevText })}</p>}
          {p.fields.map((f) => (
            <div className="wk-stepper" key={f}>
              <span className="wk-stepper-label">{codec.unit(f)}</span>
              <button type="button" className="wk-step" aria-label={t('logger.decrease', { field: codec.unit(f) })} onClick={() => set({ [f]: codec.step(f, p.values[f], -1) })}>
                <MinusIcon />
              </button>
              <output className="wk-stepper-value" aria-live="polite">
                {codec.show(f, p.values[f]) || '—'}
              </output>
              <button type="button" className="wk-step" aria-label={t('logger.increase', { field: codec.unit(f) })} onClick={() => set({ [f]: codec.step(f, p.values[f], 1) })}>
                <PlusIcon />
              </button>
            </div>
          ))}
          {p.plates && <p className="wk-plates">{p.plates}</p>}
          {p.fields.includes('reps') && (
            <label className="wk-inline-field">
              <span>{t('logger.rpe')}</span>
              <select value={p.values.rpe ?? ''} onChange={(e) => set({ rpe: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">—</option>
                {RPES.map((r) => (
                  <option key={r} value={r}>
                    {formatNumber(r, i18n.language)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="wk-kinds">
            <legend>{t('logger.setType')}</legend>
            {KINDS.map((k) => (
              <label key={k} className={`wk-kind-choice${k === kind ? ' wk-kind-choice-on' : ''}`}>
                <input type="radio" name={`${panelId}-kind`} value={k} checked={k === kind} onChange={() => set({ kind: k })} />
                {t(`logger.kind.${k}`)}
              </label>
            ))}
          </fieldset>
          <button type="button" className="btn btn-ghost btn-small wk-remove" onClick={p.onRemove}>
            {done ? t('logger.deleteSet') : t('logger.removeRow')}
          </button>
        </div>
      )}
    </div>
  );
}
