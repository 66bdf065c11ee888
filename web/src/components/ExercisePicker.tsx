import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCursorList } from '../api/queries';
import { createExercise, listExercises } from '../api/training';
import type { Exercise } from '../api/types';
import { formErrors } from '../lib/problemText';
import {
  CATEGORIES,
  EQUIPMENT,
  MUSCLES,
  exerciseKeys,
  exerciseName,
  nameLanguage,
  recentExercises,
  rememberExercise,
} from '../screens/exercises/vocab';
import { useDebounced } from '../screens/search/useDebounced';
import { EmptyState, LoadError } from './Alert';
import { Button } from './Button';
import { Loading } from './Spinner';
import { LoadMore } from './LoadMore';

export interface ExercisePickerProps {
  open: boolean;
  onClose: () => void;
  /** Called with the chosen exercise; the picker then closes itself through `onClose`. */
  onPick: (exercise: Exercise) => void;
  title?: string;
}

interface Filters {
  muscle: string;
  equipment: string;
  category: string;
}

const NO_FILTERS: Filters = { muscle: '', equipment: '', category: '' };

function matchesFilters(e: Exercise, f: Filters) {
  return (
    (!f.muscle || e.primary.includes(f.muscle) || e.secondary.includes(f.muscle)) &&
    (!f.equipment || e.equipment === f.equipment) &&
    (!f.category || e.category === f.category)
  );
}

/**
 * Finds an exercise as you type (either language, typos forgiven), with muscle, equipment and
 * category filters, recently used ones first, and a custom exercise created inline when nothing
 * fits. A full-screen sheet on phones, a dialog on wider screens.
 */
export function ExercisePicker({ open, onClose, onPick, title }: ExercisePickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog cat-picker"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <PickerBody
          titleId={titleId}
          title={title ?? t('picker.title')}
          onClose={onClose}
          onPick={(e) => {
            rememberExercise(e);
            onPick(e);
            onClose();
          }}
        />
      )}
    </dialog>
  );
}

interface BodyProps {
  titleId: string;
  title: string;
  onClose: () => void;
  onPick: (exercise: Exercise) => void;
}

function PickerBody({ titleId, title, onClose, onPick }: BodyProps) {
  const { t, i18n } = useTranslation();
  const baseId = useId();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState(false);
  const q = useDebounced(text.trim(), 200);
  const typing = text.trim() !== q;
  const query = { q, ...filters };
  const list = useCursorList(exerciseKeys.list(query), (cursor) => listExercises(query, cursor, 30));
  const recents = useMemo(() => recentExercises(), []);
  const hasFilters = Boolean(filters.muscle || filters.equipment || filters.category);

  const sections = useMemo(() => {
    if (q) return [{ key: 'results', label: t('picker.results'), items: list.items }];
    const recent = recents.filter((e) => matchesFilters(e, filters));
    const ids = new Set(recent.map((e) => e.id));
    const rest = list.items.filter((e) => !ids.has(e.id));
    return [
      ...(recent.length > 0 ? [{ key: 'recent', label: t('picker.recent'), items: recent }] : []),
      { key: 'all', label: t('picker.all'), items: rest },
    ];
  }, [q, list.items, recents, filters, t]);
  const options = sections.flatMap((s) => s.items);

  useEffect(() => setActive(0), [q, filters]);
  useEffect(() => {
    const el = document.getElementById(`${baseId}-opt-${active}`);
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [active, baseId]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = options[active];
      if (chosen && !typing) onPick(chosen);
    } else if (e.key === 'Escape') {
      // A search field would only clear itself; Escape closes the picker.
      e.preventDefault();
      onClose();
    }
  };

  const setFilter = (name: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [name]: value }));
  const noResults = !list.isPending && !list.isError && !typing && options.length === 0;
  let index = -1;
  return (
    <div className="cat-picker-body">
      <div className="cat-picker-head">
        <h2 id={titleId}>{title}</h2>
        <Button variant="ghost" small onClick={onClose}>
          {t('picker.close')}
        </Button>
      </div>
      <div className="cat-picker-controls">
        <label className="visually-hidden" htmlFor={`${baseId}-q`}>
          {t('picker.search')}
        </label>
        <input
          id={`${baseId}-q`}
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-autocomplete="list"
          aria-activedescendant={options.length > 0 ? `${baseId}-opt-${active}` : undefined}
          placeholder={t('picker.placeholder')}
          value={text}
          autoFocus
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          enterKeyHint="search"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="cat-chips" role="group" aria-label={t('picker.filters')}>
          <FilterChip label={t('picker.muscle')} any={t('picker.anyMuscle')} value={filters.muscle} onValue={setFilter('muscle')} options={MUSCLES} ns="muscles" />
          <FilterChip label={t('picker.equipment')} any={t('picker.anyEquipment')} value={filters.equipment} onValue={setFilter('equipment')} options={EQUIPMENT} ns="equipment" />
          <FilterChip label={t('picker.category')} any={t('picker.anyCategory')} value={filters.category} onValue={setFilter('category')} options={CATEGORIES} ns="categories" />
          {hasFilters && (
            <button type="button" className="cat-chip cat-chip-clear" onClick={() => setFilters(NO_FILTERS)}>
              {t('picker.clearFilters')}
            </button>
          )}
        </div>
      </div>
      <div className="cat-picker-results" aria-busy={list.isFetching || typing || undefined}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div role="listbox" id={`${baseId}-list`} aria-label={t('picker.search')}>
            {sections.map((s) =>
              s.items.length === 0 ? null : (
                <div role="group" key={s.key} aria-labelledby={`${baseId}-${s.key}`}>
                  <div className="cat-picker-section" id={`${baseId}-${s.key}`} role="presentation">
                    {s.label}
                  </div>
                  {s.items.map((e) => {
                    index += 1;
                    const i = index;
                    return (
                      <ExerciseOption
                        key={`${s.key}-${e.id}`}
                        id={`${baseId}-opt-${i}`}
                        exercise={e}
                        active={i === active}
                        onHover={() => setActive(i)}
                        onPick={() => onPick(e)}
                      />
                    );
                  })}
                </div>
              ),
            )}
          </div>
        )}
        {noResults && <EmptyState>{q ? t('picker.noMatch', { q }) : t('picker.noneWithFilters')}</EmptyState>}
        <LoadMore list={list} />
        {text.trim() &&
          (creating || noResults ? (
            <CreateExerciseInline
              initialName={text.trim()}
              language={nameLanguage(i18n.language)}
              initialMuscle={filters.muscle}
              initialEquipment={filters.equipment}
              onCreated={onPick}
            />
          ) : (
            <Button variant="ghost" className="btn-block" onClick={() => setCreating(true)}>
              {t('picker.createNamed', { name: text.trim() })}
            </Button>
          ))}
      </div>
    </div>
  );
}

/** A filter shown as a chip: a native select, so it works with touch, keyboard and screen readers. */
export function FilterChip({
  label,
  any,
  value,
  onValue,
  options,
  ns,
}: {
  label: string;
  any: string;
  value: string;
  onValue: (v: string) => void;
  options: readonly string[];
  ns: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      className={`cat-chip${value ? ' cat-chip-on' : ''}`}
      aria-label={label}
      value={value}
      onChange={(e) => onValue(e.target.value)}
    >
      <option value="">{any}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${ns}.${o}`, { defaultValue: o })}
        </option>
      ))}
    </select>
  );
}

function ExerciseOption({
  id,
  exercise,
  active,
  onHover,
  onPick,
}: {
  id: string;
  exercise: Exercise;
  active: boolean;
  onHover: () => void;
  onPick: () => void;
}) {
  const { t, i18n } = useTranslation();
  const muscles = exercise.primary.map((m) => t(`muscles.${m}`, { defaultValue: m })).join(', ');
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className={`cat-option${active ? ' cat-option-active' : ''}`}
      onMouseMove={onHover}
      onClick={onPick}
    >
      <span className="cat-option-name">{exerciseName(exercise, i18n.language)}</span>
      <span className="cat-option-meta">
        {[muscles, t(`equipment.${exercise.equipment}`, { defaultValue: exercise.equipment })].filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}

function CreateExerciseInline({
  initialName,
  language,
  initialMuscle,
  initialEquipment,
  onCreated,
}: {
  initialName: string;
  language: 'en' | 'ru';
  initialMuscle: string;
  initialEquipment: string;
  onCreated: (e: Exercise) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [name, setName] = useState(initialName);
  const [muscle, setMuscle] = useState(initialMuscle || 'chest');
  const [equipment, setEquipment] = useState(initialEquipment || 'barbell');
  const create = useMutation({
    mutationFn: () =>
      createExercise({
        name_en: name.trim(),
        name_ru: language === 'ru' ? name.trim() : undefined,
        primary: [muscle],
        equipment,
        category: 'strength',
        logging: equipment === 'bodyweight' ? 'reps' : 'weight_reps',
        gym_wide: false,
      }),
    onSuccess: (e) => {
      void client.invalidateQueries({ queryKey: exerciseKeys.all });
      onCreated(e);
    },
  });
  const errors = formErrors(t, create.error, ['name_en', 'primary', 'equipment'], {});
  const nameError = !name.trim() && create.isError ? t('fieldErrors.required') : errors.fields.name_en;
  return (
    <form
      className="cat-picker-create"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) create.mutate();
      }}
    >
      <h3>{t('picker.createTitle')}</h3>
      <div className={`field${nameError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-name`}>{t('picker.createName')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={120}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {nameError && (
          <p className="field-error" id={`${id}-name-error`} role="alert">
            {nameError}
          </p>
        )}
      </div>
      <div className="cat-two">
        <div className="field">
          <label htmlFor={`${id}-muscle`}>{t('picker.createMuscle')}</label>
          <select id={`${id}-muscle`} value={muscle} onChange={(e) => setMuscle(e.target.value)}>
            {MUSCLES.map((m) => (
              <option key={m} value={m}>
                {t(`muscles.${m}`)}
              </option>
            ))}
          </select>
          {errors.fields.primary && <p className="field-error">{errors.fields.primary}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-equipment`}>{t('picker.createEquipment')}</label>
          <select id={`${id}-equipment`} value={equipment} onChange={(e) => setEquipment(e.target.value)}>
            {EQUIPMENT.map((m) => (
              <option key={m} value={m}>
                {t(`equipment.${m}`)}
              </option>
            ))}
          </select>
          {errors.fields.equipment && <p className="field-error">{errors.fields.equipment}</p>}
        </div>
      </div>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <Button type="submit" variant="primary" className="btn-block" busy={create.isPending} disabled={!name.trim()}>
        {t('picker.createSubmit')}
      </Button>
    </form>
  );
}
