import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryImport, ImportMapping as MappingRow, ImportName } from '../../../api/imports';
import { useApplyImport } from '../../../api/importsQueries';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ExercisePicker } from '../../../components/ExercisePicker';
import { exerciseName, MUSCLES } from '../../exercises/vocab';
import { importProblem } from './importText';

type Ref = { id: string; name: string };
/** What a name of the file becomes: an exercise, a new private exercise, or nothing chosen yet. */
type Choice = { kind: 'exercise'; exercise: Ref } | { kind: 'create'; muscle: string } | { kind: 'none' };

const CREATE = 'create';
const CARDIO = 'cardio';
const initial = (n: ImportName): Choice => (n.exercise ? { kind: 'exercise', exercise: n.exercise } : { kind: 'none' });
const complete = (c: Choice) => c.kind === 'exercise' || (c.kind === 'create' && c.muscle !== '');

/** The choices to send: every name without a match, and matched names the member changed. */
export function mappingOf(names: ImportName[], choices: Record<string, Choice>): MappingRow[] {
  return names.flatMap((n): MappingRow[] => {
    const c = choices[n.name] ?? initial(n);
    if (c.kind === 'exercise') return n.exercise?.id === c.exercise.id ? [] : [{ name: n.name, exercise_id: c.exercise.id }];
    if (c.kind === 'create') return [{ name: n.name, create_muscle: c.muscle }];
    return [];
  });
}

/** Step 3: every name of the file mapped to an exercise (or a new private one), then applied. */
export function ImportMapping({ draft, onBack, onApplied }: { draft: HistoryImport; onBack: () => void; onApplied: (result: HistoryImport) => void }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(draft.names.map((n) => [n.name, initial(n)])));
  const [checked, setChecked] = useState(false);
  const [profile, setProfile] = useState(true);
  const apply = useApplyImport();
  const contents = draft.contents;
  const missing = draft.names.filter((n) => !complete(choices[n.name] ?? initial(n)));
  const unmatched = draft.names.filter((n) => !n.exercise);
  const matched = draft.names.filter((n) => n.exercise);

  const submit = () => {
    setChecked(true);
    apply.reset();
    if (missing.length > 0) return;
    apply.mutate({ id: draft.id, mapping: mappingOf(draft.names, choices), profile: contents ? profile : undefined }, { onSuccess: onApplied });
  };
  const row = (n: ImportName) => (
    <NameChoice
      key={n.name}
      item={n}
      choice={choices[n.name] ?? initial(n)}
      showError={checked}
      onChoice={(c) => setChoices((all) => ({ ...all, [n.name]: c }))}
    />
  );

  return (
    <section className="stack" aria-label={t('imports.mappingTitle')}>
      <h3>{t('imports.mappingTitle')}</h3>
      <p className="muted">{draft.names.length === 0 ? t('imports.allKnown') : t('imports.mappingIntro')}</p>
      {unmatched.length > 0 && (
        <>
          <h4 className="imp-group">{t('imports.unmatched')}</h4>
          <p>{t('imports.needChoice', { count: unmatched.length })}</p>
          <ul className="imp-names">{unmatched.map(row)}</ul>
        </>
      )}
      {matched.length > 0 && (
        <>
          <h4 className="imp-group">{t('imports.matched')}</h4>
          <ul className="imp-names">{matched.map(row)}</ul>
        </>
      )}
      {contents && (
        <div className="field imp-profile">
          <label className="checkbox">
            <input type="checkbox" checked={profile} onChange={(e) => setProfile(e.target.checked)} />{' '}
            {t('imports.takeProfile', { name: contents.profile.display_name || contents.profile.username })}
          </label>
          <p className="field-hint">{t('imports.takeProfileHint', { timezone: contents.profile.timezone })}</p>
        </div>
      )}
      {checked && missing.length > 0 && <Alert tone="error">{t('imports.choicesMissing')}</Alert>}
      {apply.error && <Alert tone="error">{importProblem(t, apply.error)}</Alert>}
      <Alert tone="info">{contents ? t('imports.archiveNote') : t('imports.privateNote')}</Alert>
      <div className="actions">
        <Button variant="primary" busy={apply.isPending} onClick={submit}>
          {t('imports.apply')}
        </Button>
        <Button variant="ghost" onClick={onBack}>
          {t('imports.back')}
        </Button>
      </div>
    </section>
  );
}

function NameChoice({ item, choice, showError, onChoice }: { item: ImportName; choice: Choice; showError: boolean; onChoice: (c: Choice) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<Ref | null>(null);
  const error = showError && !complete(choice) ? t('imports.choiceNeeded') : null;
  const value = choice.kind === 'exercise' ? `ex:${choice.exercise.id}` : choice.kind === 'create' ? CREATE : '';

  // Every exercise the select offers, without repeats: the current match, suggestions, a pick.
  const known: Ref[] = [];
  const seen = new Set<string>();
  const add = (r: Ref | null | undefined, list: Ref[]) => {
    if (r && !seen.has(r.id)) {
      seen.add(r.id);
      list.push(r);
    }
  };
  add(item.exercise, known);
  const suggestions: Ref[] = [];
  for (const s of item.suggestions) add(s, suggestions);
  const fromCatalogue: Ref[] = [];
  add(picked, fromCatalogue);
  const byId = new Map([...known, ...suggestions, ...fromCatalogue].map((r) => [r.id, r]));

  const select = (v: string) => {
    if (v === CREATE) onChoice({ kind: 'create', muscle: '' });
    else if (v.startsWith('ex:')) onChoice({ kind: 'exercise', exercise: byId.get(v.slice(3))! });
    else onChoice({ kind: 'none' });
  };
  const options = (list: Ref[]) =>
    list.map((r) => (
      <option key={r.id} value={`ex:${r.id}`}>
        {r.name}
      </option>
    ));

  return (
    <li className={`imp-name${error ? ' field-invalid' : ''}`}>
      <p className="imp-name-title">
        <span>{item.name}</span> <span className="muted">{t('imports.nameSets', { count: item.sets })}</span>
      </p>
      <div className="field">
        <label htmlFor={`${id}-choice`}>{t('imports.choiceFor', { name: item.name })}</label>
        <select
          id={`${id}-choice`}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => select(e.target.value)}
        >
          <option value="">{t('imports.choose')}</option>
          {options(known)}
          {suggestions.length > 0 && <optgroup label={t('imports.suggestions')}>{options(suggestions)}</optgroup>}
          {fromCatalogue.length > 0 && <optgroup label={t('imports.fromCatalogue')}>{options(fromCatalogue)}</optgroup>}
          <option value={CREATE}>{t('imports.createOption', { name: item.name })}</option>
        </select>
      </div>
      {choice.kind === 'create' && (
        <div className="field">
          <label htmlFor={`${id}-muscle`}>{t('imports.muscleFor', { name: item.name })}</label>
          <select
            id={`${id}-muscle`}
            value={choice.muscle}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => onChoice({ kind: 'create', muscle: e.target.value })}
          >
            <option value="">{t('imports.choose')}</option>
            {MUSCLES.map((m) => (
              <option key={m} value={m}>
                {t(`muscles.${m}`)}
              </option>
            ))}
            <option value={CARDIO}>{t('imports.cardio')}</option>
          </select>
        </div>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <Button small variant="ghost" aria-label={t('imports.searchFor', { name: item.name })} onClick={() => setPicking(true)}>
        {t('imports.search')}
      </Button>
      <ExercisePicker
        open={picking}
        title={t('imports.searchFor', { name: item.name })}
        onClose={() => setPicking(false)}
        onPick={(e) => {
          const ref = { id: e.id, name: exerciseName(e, i18n.language) };
          setPicked(ref);
          onChoice({ kind: 'exercise', exercise: ref });
        }}
      />
    </li>
  );
}
