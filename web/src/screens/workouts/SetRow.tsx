import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise, SetKind, WorkoutSet } from '../../api/types';
import {
  formatClock,
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
import { setText } from './text';

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

function FieldInput({ field, value, label, units, onCommit, onFocus }: {
  field: FieldKey;
  value: number | undefined;
  label: string;
  units: Units;
  onCommit: (v: number | undefined) => void;
  onFocus: () => void;
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
      aria-invalid={parsed === null ? true : undefined}
      onFocus={(e) => {
        setDraft(shown);
        e.target.select();
        onFocus();
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
  selected: boolean;
  units: Units;
  error?: string;
  onSelect: () => void;
  onChange: (values: SetValues) => void;
  onToggle: () => void;
  onRemove: () => void;
}

/** One set: type, last time, the numbers and a big tick; the selected row opens steppers below. */
export function SetRow(p: SetRowProps) {
  const { t, i18n } = useTranslation();
  const codec = useFieldCodec(p.units);
  const panelId = useId();
  const n = p.index + 1;
  const kind = p.values.kind ?? 'normal';
  const kindMark = kind === 'normal' ? String(n) : t(`logger.kindShort.${kind}`);
  const done = !!p.logged;
  const prevText = p.previous ? setText(t, i18n.language, p.previous, p.units) : '';
  const set = (patch: SetValues) => p.onChange({ ...p.values, ...patch });
  return (
    <div className={`wk-set-wrap${p.selected ? ' wk-set-selected' : ''}`}>
      <div className={`wk-set${done ? ' wk-set-done' : ''}`} data-testid="set-row">
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
          aria-label={p.previous ? t('logger.usePrevious', { value: prevText }) : t('logger.noPrevious')}
          onClick={() => {
            if (!p.previous) return;
            const { reps, weight_kg, duration_s, distance_m } = valuesFromSet(p.previous);
            p.onChange({ ...p.values, reps, weight_kg, duration_s, distance_m });
          }}
        >
          {prevText || '—'}
        </button>
        {p.fields.map((f) => (
          <FieldInput
            key={f}
            field={f}
            units={p.units}
            value={p.values[f]}
            label={t('logger.fieldLabel', { field: codec.unit(f), n, exercise: p.exerciseName })}
            onFocus={() => !p.selected && p.onSelect()}
            onCommit={(v) => set({ [f]: v })}
          />
        ))}
        <button
          type="button"
          className={`wk-tick${done ? ' wk-tick-done' : ''}`}
          aria-pressed={done}
          aria-label={done ? t('logger.undoSet', { n, exercise: p.exerciseName }) : t('logger.completeSet', { n, exercise: p.exerciseName })}
          onClick={p.onToggle}
        >
          <CheckIcon />
        </button>
      </div>
      {p.logged?.is_record && (
        <p className="wk-record">
          <TrophyIcon /> {t('logger.record')}
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
          {(p.fields.includes('reps')) && (
            <label className="wk-inline-field">
              <span>{t('logger.rpe')}</span>
              <select value={p.values.rpe ?? ''} onChange={(e) => set({ rpe: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">—</option>
                {RPES.map((r) => (
                  <option key={r} value={r}>
                    {numberToInput(r, i18n.language)}
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
