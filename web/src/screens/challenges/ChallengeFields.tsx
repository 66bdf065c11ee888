import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CHALLENGE_METRICS, type Challenge, type ChallengeKind, type ChallengeMetric } from '../../api/gamification';
import { Button } from '../../components/Button';
import { ChoiceGroup, SelectField, TextAreaField, TextField } from '../../components/Field';
import { fieldProblem, formErrors, type FormErrors } from '../../lib/problemText';
import { numberToInput, parseNumber, type Units } from '../../lib/units';
import { useExercises } from '../workouts/useExercises';
import { addDays, daysBetween, goalFromInput, goalToInput, goalUnit, wholeGoal } from '../achievements/format';

export interface ChallengeValues {
  title: string;
  description: string;
  /** `gym` or `club:{id}`. */
  scope: string;
  metric: ChallengeMetric;
  exercise_id: string;
  kind: ChallengeKind;
  /** As typed, in the member's units. */
  goal: string;
  start_date: string;
  end_date: string;
}

export const MAX_TITLE = 100;
export const MAX_DESCRIPTION = 2000;
export const MAX_DAYS = 366;

/** A new challenge's starting values: a goal of the first metric, from today for a week. */
export function newChallenge(scope: string, today: string): ChallengeValues {
  return { title: '', description: '', scope, metric: 'sessions', exercise_id: '', kind: 'goal', goal: '', start_date: today, end_date: addDays(today, 6) };
}

/** A challenge's values as the edit form shows them. */
export function challengeValues(c: Challenge, units: Units, lang: string): ChallengeValues {
  return {
    title: c.title,
    description: c.description,
    scope: c.scope,
    metric: c.metric,
    exercise_id: c.exercise_id ?? '',
    kind: c.kind,
    goal: c.goal != null ? numberToInput(goalToInput(c.metric, c.goal, units), lang) : '',
    start_date: c.start_date,
    end_date: c.end_date,
  };
}

/** The goal in the metric's stored unit, or null when it is not a valid one. */
export function parsedGoal(v: ChallengeValues, units: Units): number | null {
  const typed = parseNumber(v.goal);
  if (typed === null || typed <= 0) return null;
  if (wholeGoal(v.metric) && !Number.isInteger(typed)) return null;
  return goalFromInput(v.metric, typed, units);
}

/**
 * Checks before sending: a title of 1–100 characters, a description of at most 2,000, the
 * exercise of an exercise challenge, a goal above zero (whole for counts), and a first and last
 * day in order, at most 366 days apart.
 */
export function checkChallenge(t: TFunction, v: ChallengeValues, units: Units): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = v.title.trim();
  if (!title) errors.title = t('fieldErrors.required');
  else if ([...title].length > MAX_TITLE) errors.title = t('challenges.errors.title');
  if ([...v.description.trim()].length > MAX_DESCRIPTION) errors.description = t('challenges.errors.description');
  if (v.metric === 'exercise_sets' && !v.exercise_id) errors.exercise_id = t('challenges.errors.exercise');
  if (v.kind === 'goal' && parsedGoal(v, units) === null) errors.goal = t(wholeGoal(v.metric) ? 'challenges.errors.goalWhole' : 'challenges.errors.goal');
  if (!v.start_date) errors.start_date = t('fieldErrors.required');
  if (!v.end_date) errors.end_date = t('fieldErrors.required');
  else if (v.start_date && v.end_date < v.start_date) errors.end_date = t('challenges.errors.endBeforeStart');
  else if (v.start_date && daysBetween(v.start_date, v.end_date) > MAX_DAYS) errors.end_date = t('challenges.errors.tooLong');
  return errors;
}

const FIELDS = ['title', 'description', 'scope', 'metric', 'exercise_id', 'goal', 'start_date', 'end_date'];

/** The server's refusal spread over the form, in the challenge's own words per field. */
export function challengeErrors(t: TFunction, error: unknown): FormErrors {
  const errors = formErrors(t, error, FIELDS);
  if (fieldProblem(error, 'title')) errors.fields.title = t('challenges.errors.title');
  if (fieldProblem(error, 'description')) errors.fields.description = t('challenges.errors.description');
  if (fieldProblem(error, 'exercise_id')) errors.fields.exercise_id = t('challenges.errors.exercise');
  if (fieldProblem(error, 'goal')) errors.fields.goal = t('challenges.errors.goal');
  if (fieldProblem(error, 'start_date') || fieldProblem(error, 'end_date')) {
    errors.fields[fieldProblem(error, 'start_date') ? 'start_date' : 'end_date'] = t('challenges.errors.dates');
  }
  return errors;
}

interface ChallengeFieldsProps {
  values: ChallengeValues;
  errors: Record<string, string>;
  onChange: (values: ChallengeValues) => void;
  units: Units;
  /** Where it may be set (create), or null when it cannot change (edit). */
  scopes: { value: string; label: string }[] | null;
  /** What may still change: everything (new), or before it starts, or only title, description and end. */
  stage: 'new' | 'upcoming' | 'active';
  /** Opens the exercise picker (kept outside the form: it has a form of its own). */
  onPickExercise: () => void;
}

/** Title, description, where, what counts, goal or race, and the days: creating and editing a challenge. */
export function ChallengeFields({ values, errors, onChange, units, scopes, stage, onPickExercise }: ChallengeFieldsProps) {
  const { t } = useTranslation();
  const { name } = useExercises(values.exercise_id ? [values.exercise_id] : []);
  const set = (patch: Partial<ChallengeValues>) => onChange({ ...values, ...patch });
  const isNew = stage === 'new';
  return (
    <>
      <TextField label={t('challenges.form.title')} value={values.title} error={errors.title} autoComplete="off" onValue={(title) => set({ title })} />
      <TextAreaField
        label={t('challenges.form.description')}
        value={values.description}
        error={errors.description}
        rows={3}
        onValue={(description) => set({ description })}
      />
      {isNew && scopes && (
        <SelectField label={t('challenges.form.scope')} value={values.scope} error={errors.scope} options={scopes} onValue={(scope) => set({ scope })} />
      )}
      {isNew && (
        <SelectField
          label={t('challenges.form.metric')}
          value={values.metric}
          error={errors.metric}
          options={CHALLENGE_METRICS.map((m) => ({ value: m, label: t(`challenges.metrics.${m}`) }))}
          onValue={(metric) => set({ metric: metric as ChallengeMetric })}
        />
      )}
      {isNew && values.metric === 'exercise_sets' && (
        <div className={`field${errors.exercise_id ? ' field-invalid' : ''}`}>
          <span className="gm-field-label">{t('challenges.form.exercise')}</span>
          <p className="gm-exercise">
            {values.exercise_id && <strong>{name(values.exercise_id)}</strong>}
            <Button small onClick={onPickExercise}>
              {t(values.exercise_id ? 'challenges.form.changeExercise' : 'challenges.form.pickExercise')}
            </Button>
          </p>
          {errors.exercise_id && (
            <p className="field-error" role="alert">
              {errors.exercise_id}
            </p>
          )}
        </div>
      )}
      {isNew && (
        <ChoiceGroup
          legend={t('challenges.form.kind')}
          name="kind"
          value={values.kind}
          onValue={(kind) => set({ kind })}
          options={[
            { value: 'goal', label: t('challenges.form.goalKind'), description: t('challenges.form.goalKindDescription') },
            { value: 'race', label: t('challenges.form.raceKind'), description: t('challenges.form.raceKindDescription') },
          ]}
        />
      )}
      {values.kind === 'goal' && stage !== 'active' && (
        <TextField
          label={t('challenges.form.goal', { unit: goalUnit(t, values.metric, units) })}
          value={values.goal}
          error={errors.goal}
          inputMode={wholeGoal(values.metric) ? 'numeric' : 'decimal'}
          autoComplete="off"
          onValue={(goal) => set({ goal })}
        />
      )}
      <div className="gm-dates">
        {stage !== 'active' && (
          <TextField
            label={t('challenges.form.start')}
            type="date"
            value={values.start_date}
            error={errors.start_date}
            onValue={(start_date) => set({ start_date })}
          />
        )}
        <TextField label={t('challenges.form.end')} type="date" value={values.end_date} error={errors.end_date} onValue={(end_date) => set({ end_date })} />
      </div>
      <p className="muted gm-small">{t(stage === 'active' ? 'challenges.form.startedHint' : 'challenges.form.datesHint')}</p>
    </>
  );
}
