import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { getWorkout } from '../../api/training';
import { LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExercisePicker } from '../../components/ExercisePicker';
import { Loading } from '../../components/Spinner';
import { problemMessage } from '../../lib/problemText';
import { formatClock } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { addExercise, patchWorkout, rememberExercise, removeWorkout } from '../../lib/workoutActions';
import { applyPending, mergeLayout, type LocalWorkout } from '../../lib/workoutModel';
import { storeServerDetail, useLocalWorkout, useOutboxState } from '../../lib/workoutSync';
import { ExerciseCard } from './ExerciseCard';
import { PlusIcon } from '../../components/icons';
import { RestTimerBar } from './RestTimerBar';
import { useExercises } from './useExercises';
import { WorkoutDetailsForm } from './WorkoutDetailsForm';
import { WorkoutSummary } from './WorkoutSummary';

function useNow(ms: number, on: boolean) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms, on]);
  return now;
}

/** A workout: the logger while it runs (or while editing), its summary once finished. */
export default function WorkoutScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const local = useLocalWorkout(id);
  const outbox = useOutboxState();
  const pending = outbox.entries.map((e) => e.mutation).filter((m) => m.workoutId === id);
  const createPending = pending.some((m) => m.kind === 'createWorkout');
  const server = useQuery({
    queryKey: ['workouts', id],
    queryFn: () => getWorkout(id),
    enabled: local !== undefined && !createPending,
    retry: false,
  });
  useEffect(() => {
    const d = server.data;
    // Only one's own workouts live on the device; a coach's view of a member's stays on screen.
    if (!d || d.workout.user_id !== me.id) return;
    void storeServerDetail(me.id, d, (w): LocalWorkout =>
      w
        ? { ...w, detail: d, layout: mergeLayout(w.layout, d, w.removed) }
        : { id, owner: me.id, detail: d, layout: mergeLayout([], d), removed: [], exercises: {}, savedAt: 0 },
    );
  }, [server.data, me.id, id]);

  const mine = local && local.owner === me.id ? local : null;
  const theirs = !mine && server.data && server.data.workout.user_id !== me.id ? server.data : null;
  const { byId, name, loaded } = useExercises(mine?.layout.map((s) => s.exerciseId) ?? theirs?.sets.map((s) => s.exercise_id) ?? [], mine?.exercises);
  useEffect(() => {
    for (const ex of loaded) void rememberExercise(id, ex);
  }, [loaded.length, id]); // eslint-disable-line react-hooks/exhaustive-deps

  const [sel, setSel] = useState<{ ex: string; row: number } | null>(null);
  const [picker, setPicker] = useState(false);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [details, setDetails] = useState(false);
  const view = mine ? applyPending(mine.detail, pending) : null;
  const finished = !!view?.workout.finished_at;
  const now = useNow(1000, !!view && !finished);

  if (local === undefined || (!mine && server.isPending)) return <Loading />;
  if (theirs) return <WorkoutSummary view={theirs} name={name} readOnly owner={theirs.owner} />;
  if (!mine || !view) {
    if (server.isError && isProblem(server.error, 'not_found')) {
      return (
        <section className="screen">
          <h1>{t('logger.notFoundTitle')}</h1>
          <p>{t('logger.notFoundBody')}</p>
          <Link to="/workouts">{t('history.backToHistory')}</Link>
        </section>
      );
    }
    // Fetched and on its way into this device's store: a moment more.
    if (!server.isError) return <Loading />;
    return <LoadError error={server.error} onRetry={() => void server.refetch()} />;
  }
  if (pending.some((m) => m.kind === 'deleteWorkout')) {
    return (
      <section className="screen">
        <p>{t('logger.deleted')}</p>
        <Link to="/workouts">{t('history.backToHistory')}</Link>
      </section>
    );
  }

  const editing = !finished || params.get('edit') === '1';
  if (!editing) {
    return (
      <WorkoutSummary
        view={view}
        name={name}
        justFinished={params.get('summary') === '1'}
        pendingCount={pending.length}
        onEdit={() => setParams({ edit: '1' })}
        onDelete={async () => {
          await removeWorkout(id);
          navigate('/workouts', { replace: true });
        }}
      />
    );
  }

  const w = view.workout;
  const past = finished;
  const completedAt = () => (past ? w.finished_at! : new Date().toISOString());
  const openRows = mine.layout.reduce((n, s) => n + Math.max(0, s.rows - view.sets.filter((x) => x.exercise_id === s.exerciseId).length), 0);
  const current = mine.layout.find((s) => view.sets.filter((x) => x.exercise_id === s.exerciseId).length < s.rows)?.exerciseId;
  const finish = async () => {
    setConfirmFinish(false);
    const end = new Date();
    const start = new Date(w.started_at);
    await patchWorkout(id, { finished_at: (end < start ? start : end).toISOString() });
    navigate(`/workouts/${id}?summary=1`, { replace: true });
  };
  const failures = outbox.failures.filter((f) => f.mutation.workoutId === id);
  const setErrors: Record<string, string> = {};
  for (const f of failures) if (f.mutation.kind === 'updateSet') setErrors[f.mutation.setId] = problemMessage(t, f.error);

  return (
    <section className="screen wk-logger">
      <div className="wk-logger-head">
        <div>
          <h1>{w.title || t('logger.untitled')}</h1>
          <p className="muted">
            {past ? (
              t('logger.editingPast')
            ) : (
              <span aria-label={t('logger.elapsedLabel', { time: formatClock((now - Date.parse(w.started_at)) / 1000) })}>
                {formatClock((now - Date.parse(w.started_at)) / 1000)}
              </span>
            )}{' '}
            · {t('logger.setsDone', { count: view.sets.length })}
          </p>
        </div>
        {past ? (
          <Button variant="primary" onClick={() => setParams({})}>
            {t('common.done')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => (openRows > 0 ? setConfirmFinish(true) : void finish())}>
            {t('logger.finish')}
          </Button>
        )}
      </div>
      {failures.length > 0 && (
        <div className="alert alert-error" role="alert">
          {failures.map((f) => (
            <p key={f.id}>{problemMessage(t, f.error)}</p>
          ))}
        </div>
      )}
      {mine.layout.length === 0 && <p className="empty-state">{t('logger.empty')}</p>}
      {mine.layout.map((slot, i) => (
        <ExerciseCard
          key={slot.exerciseId}
          workoutId={id}
          slot={slot}
          exercise={byId[slot.exerciseId]}
          name={name(slot.exerciseId)}
          view={view}
          position={i}
          count={mine.layout.length}
          units={me.preferences.units}
          selectedRow={sel ? (sel.ex === slot.exerciseId ? sel.row : -1) : current === slot.exerciseId ? null : -1}
          onSelect={(row) => setSel(row === null ? null : { ex: slot.exerciseId, row })}
          errors={setErrors}
          completedAt={completedAt}
          rest={!past}
        />
      ))}
      <Button className="btn-block wk-add-exercise" onClick={() => setPicker(true)}>
        <PlusIcon /> {t('logger.addExercise')}
      </Button>
      <div className="wk-logger-foot">
        <Button variant="ghost" aria-expanded={details} onClick={() => setDetails((d) => !d)}>
          {t('logger.details')}
        </Button>
        {!past && (
          <Button variant="ghost" onClick={() => setConfirmDiscard(true)}>
            {t('logger.discard')}
          </Button>
        )}
      </div>
      {details && <WorkoutDetailsForm workout={w} onDone={() => setDetails(false)} />}
      <ExercisePicker
        open={picker}
        onClose={() => setPicker(false)}
        title={t('logger.addExercise')}
        onPick={(ex) => {
          setPicker(false);
          void addExercise(id, ex);
          setSel({ ex: ex.id, row: 0 });
        }}
      />
      <ConfirmDialog
        open={confirmFinish}
        title={t('logger.finishTitle')}
        confirmLabel={t('logger.finish')}
        onCancel={() => setConfirmFinish(false)}
        onConfirm={() => void finish()}
      >
        <p>{t('logger.finishOpenRows', { count: openRows })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDiscard}
        title={t('logger.discardTitle')}
        confirmLabel={t('logger.discard')}
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={async () => {
          setConfirmDiscard(false);
          await removeWorkout(id);
          navigate('/', { replace: true });
        }}
      >
        <p>{t('logger.discardBody')}</p>
      </ConfirmDialog>
      {!past && <RestTimerBar workoutId={id} />}
    </section>
  );
}
