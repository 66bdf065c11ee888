import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GymSettings } from '../../api/gym';
import { useUpdateGymSettings } from '../../api/gymQueries';
import { ApiProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { CloseIcon } from '../../components/icons';
import { problemMessage } from '../../lib/problemText';
import { fieldRefusal } from './fieldRefusal';
import { checkPlates, plateFieldOf, toDraft, type PlateDraft, type PlateField, type PlateList, type PlateProblems } from './plateRules';

interface PlateListProps {
  unit: PlateList;
  values: string[];
  bad: number[];
  error?: string;
  onValues: (values: string[]) => void;
}

/** The plate sizes of one unit: a text box each, a button to drop one and one to add another. */
function PlateListField({ unit, values, bad, error, onValues }: PlateListProps) {
  const { t } = useTranslation();
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const unitName = t(`admin.settings.plates.unit_${unit}`);
  return (
    <fieldset className={`plate-list${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t(`admin.settings.plates.list_${unit}`)}</legend>
      <ul ref={list}>
        {values.map((value, i) => (
          <li key={i}>
            <input
              type="text"
              inputMode="decimal"
              value={value}
              aria-label={t('admin.settings.plates.plate', { n: i + 1, unit: unitName })}
              aria-invalid={bad.includes(i) || undefined}
              onChange={(e) => onValues(values.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <button
              type="button"
              className="icon-btn"
              aria-label={t('admin.settings.plates.remove', { n: i + 1, unit: unitName })}
              onClick={() => onValues(values.filter((_, j) => j !== i))}
            >
              <CloseIcon />
            </button>
          </li>
        ))}
      </ul>
      <Button
        small
        onClick={() => {
          onValues([...values, '']);
          // The new box is the last one once React has drawn it.
          requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
        }}
      >
        {t('admin.settings.plates.add', { unit: unitName })}
      </Button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Server refusals spread over the fields they name; the rest for the form. */
function serverProblems(t: ReturnType<typeof useTranslation>['t'], lang: string, error: unknown) {
  const fields: Partial<Record<PlateField, string>> = {};
  let form: string | null = null;
  if (!error) return { fields, form };
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return { fields, form: problemMessage(t, error) };
  for (const fe of error.errors) {
    const field = plateFieldOf(fe.field);
    const message = fieldRefusal(t, lang, fe, 'admin.settings.plates.refused');
    if (field) fields[field] ??= message;
    else form = form ? `${form} ${message}` : message;
  }
  return { fields, form };
}

/** The plates and bars the gym has, in kilograms and in pounds: what the plate calculator loads. */
export function PlatesForm({ settings }: { settings: GymSettings }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<PlateDraft>(() => toDraft(settings.plates, lang));
  const [local, setLocal] = useState<PlateProblems | null>(null);
  const save = useUpdateGymSettings();
  const server = serverProblems(t, lang, save.error);
  const message = (field: PlateField) => local?.messages[field] ?? server.fields[field];
  const edit = (patch: Partial<PlateDraft>) => {
    save.reset();
    setDraft((d) => ({ ...d, ...patch }));
  };
  return (
    <form
      className="card"
      noValidate
      aria-labelledby="plates-title"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = checkPlates(t, lang, draft);
        if ('problems' in checked) {
          save.reset();
          setLocal(checked.problems);
          return;
        }
        setLocal(null);
        save.mutate({ plates: checked.plates }, { onSuccess: (result) => setDraft(toDraft(result.plates, lang)) });
      }}
    >
      <h2 id="plates-title">{t('admin.settings.plates.title')}</h2>
      <p className="muted">{t('admin.settings.plates.intro')}</p>
      <div className="form-row">
        <div>
          <TextField
            label={t('admin.settings.plates.bar_kg')}
            inputMode="decimal"
            value={draft.bar_kg}
            onValue={(bar_kg) => edit({ bar_kg })}
            error={message('bar_kg')}
          />
          <PlateListField unit="kg" values={draft.kg} bad={local?.bad.kg ?? []} error={message('kg')} onValues={(kg) => edit({ kg })} />
        </div>
        <div>
          <TextField
            label={t('admin.settings.plates.bar_lb')}
            inputMode="decimal"
            value={draft.bar_lb}
            onValue={(bar_lb) => edit({ bar_lb })}
            error={message('bar_lb')}
          />
          <PlateListField unit="lb" values={draft.lb} bad={local?.bad.lb ?? []} error={message('lb')} onValues={(lb) => edit({ lb })} />
        </div>
      </div>
      {server.form && <Alert tone="error">{server.form}</Alert>}
      {save.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
      <Button type="submit" variant="primary" className="btn-block" busy={save.isPending}>
        {t('admin.settings.plates.save')}
      </Button>
    </form>
  );
}
