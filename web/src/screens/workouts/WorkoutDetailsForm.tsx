import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingVisibility, Workout, WorkoutPatch } from '../../api/types';
import { Button } from '../../components/Button';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { patchWorkout } from '../../lib/workoutActions';
import { fromLocalInput, toLocalInput } from './time';

export const VISIBILITIES: TrainingVisibility[] = ['private', 'followers', 'members', 'public'];

export function useVisibilityOptions() {
  const { t } = useTranslation();
  const labels: Record<TrainingVisibility, string> = {
    private: t('workouts.visibility.private'),
    followers: t('workouts.visibility.followers'),
    members: t('workouts.visibility.members'),
    public: t('workouts.visibility.public'),
  };
  return VISIBILITIES.map((v) => ({ value: v, label: labels[v] }));
}

/** Title, notes, who may see it and its times; saved through the outbox like everything else. */
export function WorkoutDetailsForm({ workout, onDone }: { workout: Workout; onDone: () => void }) {
  const { t } = useTranslation();
  const options = useVisibilityOptions();
  const [title, setTitle] = useState(workout.title);
  const [notes, setNotes] = useState(workout.notes);
  const [visibility, setVisibility] = useState<TrainingVisibility>(workout.visibility);
  const [started, setStarted] = useState(toLocalInput(workout.started_at));
  const [ended, setEnded] = useState(workout.finished_at ? toLocalInput(workout.finished_at) : '');
  const [error, setError] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const start = fromLocalInput(started);
    const end = ended ? fromLocalInput(ended) : null;
    if (!title.trim()) errs.title = t('workouts.errors.title');
    if (!start || Date.parse(start) > Date.now() + 60_000) errs.started_at = t('workouts.errors.startedAt');
    if (workout.finished_at && (!end || (start && end < start))) errs.finished_at = t('workouts.errors.finishedAt');
    setError(errs);
    if (Object.keys(errs).length > 0) return;
    const body: WorkoutPatch = {};
    if (title.trim() !== workout.title) body.title = title.trim();
    if (notes !== workout.notes) body.notes = notes;
    if (visibility !== workout.visibility) body.visibility = visibility;
    if (start && start !== workout.started_at && started !== toLocalInput(workout.started_at)) body.started_at = start;
    if (end && workout.finished_at && ended !== toLocalInput(workout.finished_at)) body.finished_at = end;
    if (Object.keys(body).length > 0) await patchWorkout(workout.id, body);
    onDone();
  };
  return (
    <form className="card wk-details" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('logger.details')}</h2>
      <TextField label={t('workouts.title')} value={title} onValue={setTitle} maxLength={120} error={error.title} />
      <TextAreaField label={t('workouts.notes')} value={notes} onValue={setNotes} maxLength={5000} />
      <SelectField label={t('workouts.visibilityLabel')} value={visibility} onValue={(v) => setVisibility(v as TrainingVisibility)} options={options} />
      <TextField label={t('workouts.startedAt')} type="datetime-local" value={started} onValue={setStarted} error={error.started_at} />
      {workout.finished_at && <TextField label={t('workouts.finishedAt')} type="datetime-local" value={ended} onValue={setEnded} error={error.finished_at} />}
      <div className="actions">
        <Button type="submit" variant="primary">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
