import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { createExercise, getExercise, updateExercise } from '../../api/training';
import type { Exercise, ExerciseCreate, LoggingType } from '../../api/types';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { useApiForm } from '../../lib/useApiForm';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { canEditExercise } from './ExerciseDetailScreen';
import { CATEGORIES, EQUIPMENT, MUSCLES, exerciseKeys, isCoach, rememberExercise } from './vocab';

const LOGGING: LoggingType[] = ['weight_reps', 'reps', 'duration', 'distance_duration'];

interface Values {
  name_en: string;
  name_ru: string;
  aliases: string;
  primary: string[];
  secondary: string[];
  equipment: string;
  category: string;
  mechanics: string;
  logging: LoggingType;
  instructions: string;
  gym_wide: boolean;
}

const fromExercise = (e?: Exercise): Values => ({
  name_en: e?.name_en ?? '',
  name_ru: e?.name_ru ?? '',
  aliases: e ? [...e.aliases_en, ...e.aliases_ru].join(', ') : '',
  primary: e?.primary ?? [],
  secondary: e?.secondary ?? [],
  equipment: e?.equipment ?? 'barbell',
  category: e?.category ?? 'strength',
  mechanics: e?.mechanics ?? '',
  logging: e?.logging ?? 'weight_reps',
  instructions: e?.instructions.join('\n') ?? '',
  gym_wide: e?.scope === 'gym',
});

function toBody(v: Values): ExerciseCreate {
  return {
    name_en: v.name_en.trim(),
    name_ru: v.name_ru.trim() || undefined,
    aliases: v.aliases.split(',').map((a) => a.trim()).filter(Boolean),
    primary: v.primary,
    secondary: v.secondary.filter((m) => !v.primary.includes(m)),
    equipment: v.equipment,
    category: v.category,
    mechanics: v.mechanics === 'compound' || v.mechanics === 'isolation' ? v.mechanics : undefined,
    logging: v.logging,
    instructions: v.instructions.split('\n').map((s) => s.trim()).filter(Boolean),
    gym_wide: v.gym_wide,
  };
}

/** Create a custom exercise, or change one you may edit. */
export default function ExerciseEditorScreen() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const query = useQuery({ queryKey: exerciseKeys.one(id ?? ''), queryFn: () => getExercise(id!), enabled: Boolean(id) });
  if (!id) return <ExerciseForm key="new" />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!canEditExercise(query.data, me.role)) {
    return (
      <section className="screen">
        <Alert tone="info">{t('exercises.notEditable')}</Alert>
        <Link to={`/exercises/${id}`}>{t('exercises.back')}</Link>
      </section>
    );
  }
  return <ExerciseForm key={id} exercise={query.data} />;
}

function MuscleChecks({ legend, value, onValue, error }: { legend: string; value: string[]; onValue: (v: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="cat-muscles">
      <legend>{legend}</legend>
      <div className="cat-muscle-grid">
        {MUSCLES.map((m) => (
          <label key={m} className={`cat-check${value.includes(m) ? ' cat-chip-on' : ''}`}>
            <input type="checkbox" checked={value.includes(m)} onChange={(e) => onValue(e.target.checked ? [...value, m] : value.filter((x) => x !== m))} />
            <span>{t(`muscles.${m}`)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ExerciseForm({ exercise }: { exercise?: Exercise }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [values, setValues] = useState<Values>(() => fromExercise(exercise));
  const set = <K extends keyof Values>(k: K) => (v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));
  const form = useApiForm<Values, Exercise>({
    fields: ['name_en', 'name_ru', 'aliases', 'primary', 'secondary', 'equipment', 'category', 'mechanics', 'logging', 'instructions'],
    required: ['name_en'],
    validate: (v) => ({ primary: v.primary.length === 0 ? t('exercises.form.primaryRequired') : undefined }),
    submit: (v) => {
      const body = toBody(v);
      if (!exercise) return createExercise(body);
      const { gym_wide: _ignored, ...patch } = body;
      return updateExercise(exercise.id, patch);
    },
    onSuccess: (saved) => {
      client.setQueryData(exerciseKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['exercises', 'list'] });
      if (!exercise) rememberExercise(saved);
      navigate(`/exercises/${saved.id}`, { state: { saved: true }, replace: Boolean(exercise) });
    },
  });
  const e = form.errors.fields;
  const opt = (ns: string, list: readonly string[]) => list.map((x) => ({ value: x, label: t(`${ns}.${x}`) }));
  return (
    <section className="screen">
      <Link className="back-link" to={exercise ? `/exercises/${exercise.id}` : '/exercises'}>
        {t('exercises.back')}
      </Link>
      <h1>{exercise ? t('exercises.form.editTitle') : t('exercises.form.newTitle')}</h1>
      <form className="card" noValidate onSubmit={form.handle(values)}>
        <TextField label={t('exercises.form.nameEn')} value={values.name_en} maxLength={120} error={e.name_en} onValue={set('name_en')} />
        <TextField label={t('exercises.form.nameRu')} value={values.name_ru} maxLength={120} error={e.name_ru} lang="ru" onValue={set('name_ru')} />
        <TextField label={t('exercises.form.aliases')} hint={t('exercises.form.aliasesHint')} value={values.aliases} error={e.aliases} onValue={set('aliases')} />
        <MuscleChecks legend={t('exercises.primary')} value={values.primary} onValue={set('primary')} error={e.primary} />
        <MuscleChecks legend={t('exercises.secondary')} value={values.secondary} onValue={set('secondary')} error={e.secondary} />
        <div className="cat-two">
          <SelectField label={t('picker.equipment')} value={values.equipment} options={opt('equipment', EQUIPMENT)} error={e.equipment} onValue={set('equipment')} />
          <SelectField label={t('picker.category')} value={values.category} options={opt('categories', CATEGORIES)} error={e.category} onValue={set('category')} />
          <SelectField
            label={t('exercises.form.mechanics')}
            value={values.mechanics}
            options={[{ value: '', label: t('exercises.form.notSet') }, ...opt('exercises.mechanics', ['compound', 'isolation'])]}
            error={e.mechanics}
            onValue={set('mechanics')}
          />
          <SelectField label={t('exercises.logging')} value={values.logging} options={opt('exercises.loggingType', LOGGING)} error={e.logging} onValue={(v) => set('logging')(v as LoggingType)} />
        </div>
        <TextAreaField label={t('exercises.instructions')} hint={t('exercises.form.instructionsHint')} value={values.instructions} error={e.instructions} onValue={set('instructions')} />
        {!exercise && isCoach(me.role) && (
          <CheckboxField label={t('exercises.form.gymWide')} description={t('exercises.form.gymWideHint')} checked={values.gym_wide} onChecked={set('gym_wide')} />
        )}
        {form.errors.form && (
          <p className="field-error" role="alert">
            {form.errors.form}
          </p>
        )}
        <div className="actions">
          <Button type="submit" variant="primary" busy={form.pending}>
            {exercise ? t('common.save') : t('exercises.form.create')}
          </Button>
          <Link className="btn btn-secondary" to={exercise ? `/exercises/${exercise.id}` : '/exercises'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
