import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Challenge, ChallengeCreate, ChallengePatch } from '../../api/gamification';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ExercisePicker } from '../../components/ExercisePicker';
import type { Units } from '../../lib/units';
import { challengeErrors, ChallengeFields, checkChallenge, parsedGoal, type ChallengeValues } from './ChallengeFields';

interface ChallengeFormProps {
  title: string;
  submitLabel: string;
  initial: ChallengeValues;
  units: Units;
  scopes: { value: string; label: string }[] | null;
  /** The challenge being changed; none for a new one. */
  editing?: Challenge;
  busy: boolean;
  error: unknown;
  onSubmit: (body: ChallengeCreate | ChallengePatch) => void;
  onReset: () => void;
  onCancel: () => void;
}

/** What is sent: everything for a new challenge; for a change, what may still change. */
function body(v: ChallengeValues, units: Units, editing?: Challenge): ChallengeCreate | ChallengePatch {
  const goal = v.kind === 'goal' ? (parsedGoal(v, units) ?? undefined) : undefined;
  if (!editing) {
    return {
      title: v.title.trim(),
      description: v.description.trim(),
      scope: v.scope,
      metric: v.metric,
      exercise_id: v.metric === 'exercise_sets' ? v.exercise_id : undefined,
      kind: v.kind,
      goal,
      start_date: v.start_date,
      end_date: v.end_date,
    };
  }
  const patch: ChallengePatch = { title: v.title.trim(), description: v.description.trim(), end_date: v.end_date };
  if (editing.status === 'upcoming') {
    patch.start_date = v.start_date;
    if (goal !== undefined) patch.goal = goal;
  }
  return patch;
}

/** Creating a challenge, or changing one (only what may still change is offered). */
export function ChallengeForm({ title, submitLabel, initial, units, scopes, editing, busy, error, onSubmit, onReset, onCancel }: ChallengeFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [values, setValues] = useState(initial);
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const [picking, setPicking] = useState(false);
  const forbidden = isProblem(error) && error.status === 403;
  const errors = local ? { form: null, fields: local } : forbidden ? { form: null, fields: {} } : challengeErrors(t, error);
  const stage = !editing ? 'new' : editing.status === 'upcoming' ? 'upcoming' : 'active';
  return (
    <section className="card gm-challenge-form" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const invalid = checkChallenge(t, values, units);
          if (Object.keys(invalid).length > 0) {
            onReset();
            setLocal(invalid);
            return;
          }
          setLocal(null);
          onSubmit(body(values, units, editing));
        }}
      >
        <ChallengeFields values={values} errors={errors.fields} onChange={setValues} units={units} scopes={scopes} stage={stage} onPickExercise={() => setPicking(true)} />
        {forbidden && <Alert tone="error">{t('challenges.form.forbidden')}</Alert>}
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
      <ExercisePicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(ex) => {
          setPicking(false);
          setValues((v) => ({ ...v, exercise_id: ex.id }));
        }}
        title={t('challenges.form.pickExercise')}
      />
    </section>
  );
}
