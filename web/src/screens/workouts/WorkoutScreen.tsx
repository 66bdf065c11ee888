import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
import { useMyRecords } from '../../api/analysisQueries';
import type { Plan, PlanRef, WorkoutSet } from '../../api/types';
import { bestE1rm, lastTimeOnDevice } from '../../lib/lastTime';
import { formatHm } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { addExercise, patchWorkout, rememberE1rm, rememberExercise, removeWorkout } from '../../lib/workoutActions';
import { replaceExercise } from '../../lib/loggerActions';
import { groupSlots, MAX_SUPERSET_SIZE, MAX_SUPERSETS, moveSlot, nextUp, supersetContinues, supersetWith } from '../../lib/exerciseGroups';
import { noteFor } from '../../lib/exerciseNotes';
import { applyPending, mergeLayout, planExerciseFor, previousFor, type LocalWorkout } from '../../lib/workoutModel';
import { localWorkouts, storeServerDetail, useLocalWorkout, useOutboxState } from '../../lib/workoutSync';
import { usePlan } from '../plans/planQueries';
import { ExerciseCard } from './ExerciseCard';
import { PlusIcon } from '../../components/icons';
import { RecordToast } from './RecordToast';
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

/** Every workout kept on this device, read once: where "last time" comes from offline. */
function useDeviceWorkouts() {
  const [list, setList] = useState<LocalWorkout[]>([]);
  useEffect(() => {
    let live = true;
    void localWorkouts.all().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** The name of the plan day after `ref`, or null after the plan's last day. */
export function nextPlanDay(plan: Plan, ref: PlanRef): string | null {
  let week = ref.week;
  let day = ref.day + 1;
  if (day >= (plan.weeks[week]?.days.length ?? 0)) {
    week += 1;
    day = 0;
  }
  return plan.weeks[week]?.days[day]?.name ?? null;
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
  const [picker, setPicker] = useState<{ replace?: string } | null>(null);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [details, setDetails] = useState(false);
  const view = mine ? applyPending(mine.detail, pending) : null;
  const finished = !!view?.workout.finished_at;
  const now = useNow(1000, !!view && !finished);
  const device = useDeviceWorkouts();
  const records = useMyRecords();
  const plan = usePlan(view?.workout.plan?.plan_id);
  useEffect(() => {
    if (!records.data || !mine) return;
    const e1rm: Record<string, number> = {};
    for (const r of records.data.items) if (r.e1rm_kg) e1rm[r.exercise_id] = r.e1rm_kg;
    void rememberE1rm(id, e1rm);
  }, [records.data, id, !!mine]); // eslint-disable-line react-hooks/exhaustive-deps
  // A set that just became a personal record (the server marks it once the set reaches it).
  const seenRecords = useRef<Set<string> | null>(null);
  const [celebrate, setCelebrate] = useState<WorkoutSet | null>(null);
  const recordIds = view?.sets.filter((s) => s.is_record).map((s) => s.id) ?? [];
  useEffect(() => {
    if (!view) return;
    if (seenRecords.current === null) {
      seenRecords.current = new Set(recordIds);
      return;
    }
    const fresh = view.sets.find((s) => s.is_record && !seenRecords.current!.has(s.id));
    for (const r of recordIds) seenRecords.current.add(r);
    if (fresh) setCelebrate(fresh);
  }, [recordIds.join(','), !view]); // eslint-disable-line react-hooks/exhaustive-deps

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
        nextDay={view.workout.plan && plan.data ? nextPlanDay(plan.data, view.workout.plan) : undefined}
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
  const next = past ? null : nextUp(view, mine.layout);
  const groups = groupSlots(view, mine.layout);
  const shown = groups.flatMap((g) => g.slots);
  const ownGroups = w.supersets ?? [];
  /** Who an exercise can go in a superset with: a workout not laid out by a plan makes its own. */
  const partnersOf = (exerciseId: string, group: (typeof groups)[number]) => {
    if (w.plan || (group.label && !group.own) || (group.own && group.slots.length >= MAX_SUPERSET_SIZE)) return undefined;
    return shown
      .filter((o) => !planExerciseFor(view, o)?.superset && supersetWith(ownGroups, exerciseId, o.exerciseId))
      .map((o) => ({ exerciseId: o.exerciseId, name: name(o.exerciseId), label: groups.find((g) => g.own && g.slots.includes(o))?.label }));
  };
  const lastTime = (exerciseId: string): WorkoutSet[] => {
    const server = previousFor(view, exerciseId);
    return server.length > 0 ? server : lastTimeOnDevice(device, exerciseId, w.started_at, id);
  };
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
              <span aria-label={t('logger.elapsedLabel', { time: formatHm((now - Date.parse(w.started_at)) / 1000) })}>
                {formatHm((now - Date.parse(w.started_at)) / 1000)}
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
      {mine.layout.length === 0 && <p className="empty-state">{t('logger.empty')}</p>}
      {groups.flatMap((group) =>
        group.slots.map((slot) => {
          const previous = lastTime(slot.exerciseId);
          return (
            <ExerciseCard
              key={slot.exerciseId}
              workoutId={id}
              slot={slot}
              exercise={byId[slot.exerciseId]}
              name={name(slot.exerciseId)}
              view={view}
              canMoveUp={moveSlot(view, mine.layout, slot.exerciseId, -1) !== null}
              canMoveDown={moveSlot(view, mine.layout, slot.exerciseId, 1) !== null}
              superset={group.label}
              ownSuperset={!!group.own}
              partners={partnersOf(slot.exerciseId, group)}
              supersetsFull={ownGroups.length >= MAX_SUPERSETS}
              units={me.preferences.units}
              selectedRow={sel?.ex === slot.exerciseId ? sel.row : -1}
              onSelect={(row) => setSel(row < 0 ? null : { ex: slot.exerciseId, row })}
              nextRow={next?.exerciseId === slot.exerciseId ? next.row : null}
              continues={supersetContinues(view, mine.layout, slot.exerciseId)}
              previous={previous}
              e1rm={mine.e1rm?.[slot.exerciseId] ?? bestE1rm(previous)}
              errors={setErrors}
              completedAt={completedAt}
              rest={!past}
              onReplace={() => setPicker({ replace: slot.exerciseId })}
              note={noteFor(w, slot.exerciseId)}
            />
          );
        }),
      )}
      <Button className="btn-block wk-add-exercise" onClick={() => setPicker({})}>
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
        open={picker !== null}
        onClose={() => setPicker(null)}
        title={t(picker?.replace ? 'logger.replaceExercise' : 'logger.addExercise')}
        onPick={(ex) => {
          const replace = picker?.replace;
          setPicker(null);
          if (replace) void replaceExercise(id, replace, ex, view.sets.filter((s) => s.exercise_id === replace).length);
          else void addExercise(id, ex);
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
      {celebrate && <RecordToast set={celebrate} name={name(celebrate.exercise_id)} units={me.preferences.units} onDone={() => setCelebrate(null)} />}
    </section>
  );
}
