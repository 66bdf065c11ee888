import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoggingType } from '../../api/types';
import type { Units } from '../../lib/units';
import { SET_KINDS, type DraftSet, type LoadMode, type RepsMode } from './draft';

interface Props {
  set: DraftSet;
  number: number;
  logging: LoggingType | undefined;
  units: Units;
  errors: Record<string, string | undefined>;
  canRemove: boolean;
  onChange: (set: DraftSet) => void;
  onRemove: () => void;
}

function Mini({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className={`cat-mini${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** One target set in the builder: type, reps (exact, range or AMRAP), load (kg, % of 1RM or RPE), rest. */
export function SetTargetRow({ set, number, logging, units, errors, canRemove, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const patch = (p: Partial<DraftSet>) => onChange({ ...set, ...p });
  const timed = logging === 'duration' || logging === 'distance_duration';
  const messages = [errors.reps, errors.load, errors.rest_s, errors.duration_s, errors.distance_m].filter(Boolean);
  const invalid = (e?: string) => (e ? true : undefined);
  const described = messages.length > 0 ? `${id}-errors` : undefined;
  return (
    <div className={`cat-set cat-set-${set.kind}`} role="group" aria-label={t('plans.builder.setN', { n: number })}>
      <span className="cat-set-number" aria-hidden="true">
        {set.kind === 'normal' ? number : t(`plans.kindShort.${set.kind}`)}
      </span>
      <div className="cat-set-fields">
        <Mini id={`${id}-kind`} label={t('plans.builder.kind')}>
          <select id={`${id}-kind`} value={set.kind} onChange={(e) => patch({ kind: e.target.value as DraftSet['kind'] })}>
            {SET_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`plans.kind.${k}`)}
              </option>
            ))}
          </select>
        </Mini>
        {timed ? (
          <>
            <Mini id={`${id}-duration`} label={t('plans.builder.duration')} error={errors.duration_s}>
              <input
                id={`${id}-duration`}
                inputMode="numeric"
                placeholder="1:00"
                value={set.duration}
                aria-invalid={invalid(errors.duration_s)}
                aria-describedby={described}
                onChange={(e) => patch({ duration: e.target.value })}
              />
            </Mini>
            {logging === 'distance_duration' && (
              <Mini id={`${id}-distance`} label={t('plans.builder.distance', { unit: units === 'imperial' ? t('plans.unit.mi') : t('plans.unit.km') })} error={errors.distance_m}>
                <input
                  id={`${id}-distance`}
                  inputMode="decimal"
                  value={set.distance}
                  aria-invalid={invalid(errors.distance_m)}
                  aria-describedby={described}
                  onChange={(e) => patch({ distance: e.target.value })}
                />
              </Mini>
            )}
          </>
        ) : (
          <>
            <Mini id={`${id}-repsMode`} label={t('plans.builder.repsMode')}>
              <select id={`${id}-repsMode`} value={set.repsMode} onChange={(e) => patch({ repsMode: e.target.value as RepsMode })}>
                <option value="exact">{t('plans.repsMode.exact')}</option>
                <option value="range">{t('plans.repsMode.range')}</option>
                <option value="amrap">{t('plans.repsMode.amrap')}</option>
                <option value="none">{t('plans.repsMode.none')}</option>
              </select>
            </Mini>
            {(set.repsMode === 'exact' || set.repsMode === 'range') && (
              <Mini id={`${id}-reps`} label={set.repsMode === 'range' ? t('plans.builder.repsFrom') : t('plans.builder.reps')} error={errors.reps}>
                <input
                  id={`${id}-reps`}
                  inputMode="numeric"
                  value={set.repsMin}
                  aria-invalid={invalid(errors.reps)}
                  aria-describedby={described}
                  onChange={(e) => patch({ repsMin: e.target.value })}
                />
              </Mini>
            )}
            {set.repsMode === 'range' && (
              <Mini id={`${id}-repsMax`} label={t('plans.builder.repsTo')} error={errors.reps}>
                <input
                  id={`${id}-repsMax`}
                  inputMode="numeric"
                  value={set.repsMax}
                  aria-invalid={invalid(errors.reps)}
                  aria-describedby={described}
                  onChange={(e) => patch({ repsMax: e.target.value })}
                />
              </Mini>
            )}
            <Mini id={`${id}-loadMode`} label={t('plans.builder.loadMode')}>
              <select id={`${id}-loadMode`} value={set.loadMode} onChange={(e) => patch({ loadMode: e.target.value as LoadMode })}>
                <option value="none">{t('plans.loadMode.none')}</option>
                <option value="kg">{units === 'imperial' ? t('body.unit.lb') : t('body.unit.kg')}</option>
                <option value="percent">{t('plans.loadMode.percent')}</option>
                <option value="rpe">{t('plans.loadMode.rpe')}</option>
              </select>
            </Mini>
            {set.loadMode !== 'none' && (
              <Mini id={`${id}-load`} label={t('plans.builder.load')} error={errors.load}>
                <input
                  id={`${id}-load`}
                  inputMode="decimal"
                  value={set.load}
                  aria-invalid={invalid(errors.load)}
                  aria-describedby={described}
                  onChange={(e) => patch({ load: e.target.value })}
                />
              </Mini>
            )}
          </>
        )}
        <Mini id={`${id}-rest`} label={t('plans.builder.rest')} error={errors.rest_s}>
          <input
            id={`${id}-rest`}
            inputMode="numeric"
            placeholder="1:30"
            value={set.rest}
            aria-invalid={invalid(errors.rest_s)}
            aria-describedby={described}
            onChange={(e) => patch({ rest: e.target.value })}
          />
        </Mini>
      </div>
      <button
        type="button"
        className="cat-icon-btn"
        aria-label={t('plans.builder.removeSet', { n: number })}
        title={t('plans.builder.removeSet', { n: number })}
        disabled={!canRemove}
        onClick={onRemove}
      >
        ✕
      </button>
      {messages.length > 0 && (
        <p className="field-error cat-set-errors" id={`${id}-errors`} role="alert">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}
