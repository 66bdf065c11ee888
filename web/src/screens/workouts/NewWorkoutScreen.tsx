import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TrainingVisibility } from '../../api/types';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { startWorkout } from '../../lib/workoutActions';
import { fromLocalInput, toLocalInput } from './time';
import { useVisibilityOptions } from './WorkoutDetailsForm';

/** Starts an empty workout, or enters one done earlier (date and times picked). */
export default function NewWorkoutScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const options = useVisibilityOptions();
  const nowInput = toLocalInput(new Date().toISOString());
  const [title, setTitle] = useState('');
  const [past, setPast] = useState(true);
  const [started, setStarted] = useState(toLocalInput(new Date(Date.now() - 3600_000).toISOString()));
  const [ended, setEnded] = useState(nowInput);
  const [visibility, setVisibility] = useState<TrainingVisibility>('private');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const start = past ? fromLocalInput(started) : new Date().toISOString();
    const end = past ? fromLocalInput(ended) : null;
    if (!start || Date.parse(start) > Date.now() + 60_000) errs.started_at = t('workouts.errors.startedAt');
    if (past && (!end || Date.parse(end) > Date.now() + 60_000 || (start && end < start))) errs.finished_at = t('workouts.errors.finishedAt');
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    const id = await startWorkout({ owner: me.id, title: title.trim() || undefined, startedAt: start!, finishedAt: end ?? undefined, visibility });
    navigate(past ? `/workouts/${id}?edit=1` : `/workouts/${id}`, { replace: true });
  };
  return (
    <section className="screen">
      <Link to="/workouts" className="back-link">
        {t('history.backToHistory')}
      </Link>
      <h1>{t('workouts.newTitle')}</h1>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={t('workouts.titleOptional')} value={title} onValue={setTitle} maxLength={120} />
        <CheckboxField label={t('workouts.pastLabel')} description={t('workouts.pastHint')} checked={past} onChecked={setPast} />
        {past && (
          <>
            <TextField label={t('workouts.startedAt')} type="datetime-local" max={nowInput} value={started} onValue={setStarted} error={errors.started_at} />
            <TextField label={t('workouts.finishedAt')} type="datetime-local" max={nowInput} value={ended} onValue={setEnded} error={errors.finished_at} />
          </>
        )}
        <SelectField label={t('workouts.visibilityLabel')} value={visibility} onValue={(v) => setVisibility(v as TrainingVisibility)} options={options} />
        <Button type="submit" variant="primary" className="btn-block" busy={busy}>
          {past ? t('workouts.createPast') : t('today.startEmpty')}
        </Button>
      </form>
    </section>
  );
}
