import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { deleteExercise, exerciseHistory, getExercise } from '../../api/training';
import type { Exercise, WorkoutSet } from '../../api/types';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { formatClock, formatDistance, formatNumber, formatWeight, type Units } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { exerciseAliases, exerciseKeys, exerciseName, exerciseSteps, forgetExercise, isCoach, nameLanguage } from './vocab';
import { BodyDiagram } from './BodyDiagram';
import { LoadMore } from '../../components/LoadMore';
import { ExerciseProgressCard } from './ExerciseProgress';

/** Whether the viewer may change or delete an exercise (own private ones; gym-wide for coaches). */
export const canEditExercise = (e: Exercise, role: string) => e.scope === 'private' || (e.scope === 'gym' && isCoach(role));

/** One exercise: muscles, equipment, how to do it, and your own history with it. */
export default function ExerciseDetailScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: exerciseKeys.one(id), queryFn: () => getExercise(id) });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error) && query.error.status === 404) {
      return (
        <section className="screen">
          <h1>{t('exercises.notFoundTitle')}</h1>
          <Alert tone="info">{t('exercises.notFound')}</Alert>
          <Link to="/exercises">{t('exercises.back')}</Link>
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <ExerciseView exercise={query.data} />;
}

function ExerciseView({ exercise }: { exercise: Exercise }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const lang = nameLanguage(i18n.language);
  const name = exerciseName(exercise, lang);
  const otherName = lang === 'ru' ? exercise.name_en : exercise.name_ru;
  const aliases = exerciseAliases(exercise, lang);
  const steps = exerciseSteps(exercise, lang);
  const editable = canEditExercise(exercise, me.role);
  const remove = useMutation({
    mutationFn: () => deleteExercise(exercise.id),
    onSuccess: () => {
      forgetExercise(exercise.id);
      client.removeQueries({ queryKey: exerciseKeys.one(exercise.id) });
      void client.invalidateQueries({ queryKey: exerciseKeys.all });
      navigate('/exercises', { replace: true });
    },
  });
  const saved = (location.state as { saved?: boolean } | null)?.saved;
  return (
    <section className="screen cat-exercise">
      <Link className="back-link" to="/exercises">
        {t('exercises.back')}
      </Link>
      {saved && <Alert tone="success">{t('exercises.saved')}</Alert>}
      <div className="card">
        <h1 className="cat-plan-title">{name}</h1>
        {otherName && otherName !== name && (
          <p className="muted" lang={lang === 'ru' ? 'en' : 'ru'}>
            {otherName}
          </p>
        )}
        <div className="status-line">
          <span className="badge badge-accent">{t(`categories.${exercise.category}`, { defaultValue: exercise.category })}</span>
          <span className="badge badge-muted">{t(`equipment.${exercise.equipment}`, { defaultValue: exercise.equipment })}</span>
          {exercise.mechanics && <span className="badge badge-muted">{t(`exercises.mechanics.${exercise.mechanics}`)}</span>}
          {exercise.scope !== 'builtin' && <span className="badge badge-muted">{t(`exercises.scope.${exercise.scope}`)}</span>}
        </div>
        <dl className="cat-facts">
          <dt>{t('exercises.primary')}</dt>
          <dd>{exercise.primary.map((m) => t(`muscles.${m}`, { defaultValue: m })).join(', ') || '—'}</dd>
          {exercise.secondary.length > 0 && (
            <>
              <dt>{t('exercises.secondary')}</dt>
              <dd>{exercise.secondary.map((m) => t(`muscles.${m}`, { defaultValue: m })).join(', ')}</dd>
            </>
          )}
          <dt>{t('exercises.logging')}</dt>
          <dd>{t(`exercises.loggingType.${exercise.logging}`)}</dd>
          {aliases.length > 0 && (
            <>
              <dt>{t('exercises.aliases')}</dt>
              <dd>{aliases.join(', ')}</dd>
            </>
          )}
        </dl>
        {exercise.primary.length + exercise.secondary.length > 0 && (
          <>
            <h2 className="cat-subtitle">{t('exerciseInfo.diagram.title')}</h2>
            <BodyDiagram primary={exercise.primary} secondary={exercise.secondary} />
          </>
        )}
        {steps.steps.length > 0 && (
          <>
            <h2 className="cat-subtitle">{t('exercises.instructions')}</h2>
            {steps.lang && steps.lang !== lang && <p className="muted cat-small">{t(`exerciseInfo.stepsIn.${steps.lang}`)}</p>}
            <ol className="cat-steps" lang={steps.lang && steps.lang !== lang ? steps.lang : undefined}>
              {steps.steps.map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ol>
          </>
        )}
        {editable && (
          <div className="actions">
            <Link className="btn btn-secondary" to={`/exercises/${exercise.id}/edit`}>
              {t('exercises.edit')}
            </Link>
            <Button variant="danger" onClick={() => setConfirm(true)}>
              {t('exercises.delete')}
            </Button>
          </div>
        )}
      </div>
      <ExerciseProgressCard exercise={exercise} />
      <ExerciseHistoryCard exercise={exercise} />
      <ConfirmDialog
        open={confirm}
        title={t('exercises.deleteTitle', { name })}
        confirmLabel={t('exercises.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setConfirm(false);
          remove.reset();
        }}
      >
        <p>{t('exercises.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

export function setText(t: ReturnType<typeof useTranslation>['t'], lang: string, s: WorkoutSet, units: Units): string {
  const parts: string[] = [];
  if (s.weight_kg !== undefined && s.weight_kg !== null) parts.push(formatWeight(t, lang, s.weight_kg, units));
  if (s.reps !== undefined && s.reps !== null) parts.push(t('exercises.history.reps', { count: s.reps }));
  if (s.duration_s) parts.push(formatClock(s.duration_s));
  if (s.distance_m) parts.push(formatDistance(t, lang, s.distance_m, units));
  if (s.rpe) parts.push(t('plans.target.rpe', { value: formatNumber(s.rpe, lang) }));
  return parts.join(' × ') || '—';
}

function ExerciseHistoryCard({ exercise }: { exercise: Exercise }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const units: Units = me.preferences.units === 'imperial' ? 'imperial' : 'metric';
  const history = useInfiniteQuery({
    queryKey: exerciseKeys.history(exercise.id),
    queryFn: ({ pageParam }) => exerciseHistory(exercise.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (history.isPending) return <Loading />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  const record = history.data.pages[0]!.record;
  const items = history.data.pages.flatMap((p) => p.items);
  // Sets of the same workout together, newest first.
  const sessions: { workoutId: string; sets: WorkoutSet[] }[] = [];
  for (const item of items) {
    const last = sessions[sessions.length - 1];
    if (last && last.workoutId === item.workout_id) last.sets.push(item.set);
    else sessions.push({ workoutId: item.workout_id, sets: [item.set] });
  }
  return (
    <section className="card" aria-labelledby="exercise-history">
      <h2 id="exercise-history" className="cat-card-title">
        {t('exercises.history.title')}
      </h2>
      {record.sets === 0 ? (
        <EmptyState>{t('exercises.history.empty')}</EmptyState>
      ) : (
        <>
          {/* The bests are in the records table above (from the analysis API). */}
          <dl className="cat-records">
            <div>
              <dt>{t('exercises.history.sets')}</dt>
              <dd>{record.sets}</dd>
            </div>
          </dl>
          {record.last_at && <p className="muted cat-small">{t('exercises.history.last', { date: format.date(record.last_at) })}</p>}
          <h3 className="cat-subtitle">{t('exercises.history.recent')}</h3>
          <ul className="rows">
            {sessions.map((s, i) => (
              <li className="row" key={`${s.workoutId}-${i}`}>
                <div className="row-main">
                  <p className="row-title">
                    <Link to={`/workouts/${s.workoutId}`}>{format.date(s.sets[0]!.completed_at)}</Link>
                  </p>
                  <ul className="cat-target-list">
                    {s.sets.map((set) => (
                      <li key={set.id}>
                        {setText(t, i18n.language, set, units)}
                        {set.kind !== 'normal' && <span className="muted"> · {t(`plans.kind.${set.kind}`)}</span>}
                        {set.is_record && <span className="badge badge-success cat-badge-inline">{t('exercises.history.record')}</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            ))}
          </ul>
          <LoadMore list={history} />
        </>
      )}
    </section>
  );
}
