import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { coachingKeys } from '../../api/coachingQueries';
import { ApiProblem, isProblem } from '../../api/problem';
import { createPlan, getPlan, updatePlan } from '../../api/training';
import type { Exercise, Plan } from '../../api/types';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExercisePicker } from '../../components/ExercisePicker';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { newId } from '../../lib/ids';
import { problemMessage } from '../../lib/problemText';
import type { Units } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { exerciseKeys } from '../exercises/vocab';
import {
  GOALS,
  VISIBILITIES,
  copyDay,
  copyWeek,
  draftFromPlan,
  emptyDay,
  emptyDraft,
  typicalSets,
  insertAfter,
  move,
  newKey,
  removeAt,
  replaceAt,
  toPlanCreate,
  type Draft,
  type DraftErrors,
} from './draft';
import { PlanDayEditor } from './PlanDayEditor';
import { planKeys, useExercises, usePlan } from './planQueries';

const PLACED =
  /^(title|description|tags|goal|weeks\[\d+\]\.days|weeks\[\d+\]\.days\[\d+\]\.(name|notes|exercises)|weeks\[\d+\]\.days\[\d+\]\.exercises\[\d+\]\.(sets|exercise_id|superset|notes)|weeks\[\d+\]\.days\[\d+\]\.exercises\[\d+\]\.sets\[\d+\]\.(reps|load|rest_s|duration_s|distance_m))$/;

/** Server field errors, translated by the last part of their path when we know it. */
function translateErrors(e: ApiProblem): DraftErrors {
  const out: DraftErrors = {};
  for (const fe of e.errors) {
    const last = fe.field.split('.').pop()!.replace(/\[\d+\]$/, '');
    const key = `plans.fieldErrors.${last}`;
    out[fe.field] ??= i18n.exists(key) ? i18n.t(key) : fe.message || i18n.t('errors.validation_failed');
  }
  return out;
}

/** Create a plan, or edit one of your own: weeks → days → exercises → set targets. */
export default function PlanBuilderScreen() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const units: Units = me.preferences.units === 'imperial' ? 'imperial' : 'metric';
  const existing = usePlan(id);
  if (!id) return <PlanBuilder key="new" units={units} />;
  if (existing.isPending) return <Loading />;
  if (existing.isError) return <LoadError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (existing.data.owner_id !== me.id) {
    return (
      <section className="screen">
        <h1>{existing.data.title}</h1>
        <Alert tone="info">{t('plans.builder.notYours')}</Alert>
        <Link to={`/plans/${id}`}>{t('plans.backToPlan')}</Link>
      </section>
    );
  }
  return <PlanBuilder key={id} plan={existing.data} units={units} />;
}

function PlanBuilder({ plan, units }: { plan?: Plan; units: Units }) {
  const { t, i18n: { language } } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (plan ? draftFromPlan(plan, units, language) : emptyDraft(t('plans.builder.defaultDay', { n: 1 }))));
  const [version, setVersion] = useState(plan?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [picking, setPicking] = useState<{ week: number; day: number } | null>(null);
  const [idempotencyKey] = useState(newId);
  const exercises = useExercises(draft.weeks.flatMap((w) => w.days.flatMap((d) => d.exercises.map((e) => e.exerciseId))));

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  // Leaving through an in-app link or Back asks first too. Saving sets `saved` before it moves
  // on to the plan (the blocker sees state a render late); signing out is never held up.
  const saved = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !saved.current && nextLocation.pathname !== currentLocation.pathname && nextLocation.pathname !== '/login',
  );

  const update = (next: Draft) => {
    setDraft(next);
    setDirty(true);
  };
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => update({ ...draft, [name]: value });

  const save = useMutation({
    mutationFn: ({ body, at }: { body: ReturnType<typeof toPlanCreate>['body']; at: number }) =>
      plan ? updatePlan(plan.id, body, at) : createPlan(body, idempotencyKey),
    onSuccess: (result) => {
      saved.current = true;
      setDirty(false);
      client.setQueryData(planKeys.one(result.id), result);
      void client.invalidateQueries({ queryKey: planKeys.all });
      // My members shows each member's plan by its title and days.
      void client.invalidateQueries({ queryKey: coachingKeys.members });
      navigate(`/plans/${result.id}`, { state: { saved: true } });
    },
    onError: (e) => {
      if (isProblem(e) && e.status === 412) {
        setConflict(true);
        return;
      }
      if (isProblem(e) && e.errors.length > 0) {
        setErrors(translateErrors(e));
        setFormError(t('plans.builder.fixErrors'));
        return;
      }
      setFormError(problemMessage(t, e));
    },
  });

  const submit = (at = version) => {
    const { body, errors: local } = toPlanCreate(draft, units, t('plans.fieldErrors.number'));
    if (!body.title) local.title = t('plans.fieldErrors.title');
    setErrors(local);
    setConflict(false);
    if (Object.keys(local).length > 0) {
      setFormError(t('plans.builder.fixErrors'));
      return;
    }
    setFormError(null);
    save.mutate({ body, at });
  };

  const fetchLatest = () => client.fetchQuery({ queryKey: planKeys.one(plan!.id), queryFn: () => getPlan(plan!.id), staleTime: 0 });
  const loadTheirs = useMutation({
    mutationFn: fetchLatest,
    onSuccess: (fresh) => {
      setDraft(draftFromPlan(fresh, units, language));
      setVersion(fresh.version);
      setDirty(false);
      setConflict(false);
      setErrors({});
      setFormError(null);
    },
  });
  const keepMine = useMutation({
    mutationFn: fetchLatest,
    onSuccess: (fresh) => {
      setVersion(fresh.version);
      submit(fresh.version);
    },
  });

  const onPick = (e: Exercise) => {
    if (!picking) return;
    client.setQueryData(exerciseKeys.one(e.id), e);
    const { week, day } = picking;
    const w = draft.weeks[week]!;
    const d = w.days[day]!;
    const nextDay = { ...d, exercises: [...d.exercises, { key: newKey(), exerciseId: e.id, superset: '', notes: '', sets: typicalSets() }] };
    update({ ...draft, weeks: replaceAt(draft.weeks, week, { ...w, days: replaceAt(w.days, day, nextDay) }) });
  };

  const errorAt = (path: string) => errors[path];
  const unplaced = Object.entries(errors).filter(([path]) => !PLACED.test(path));
  const goalOptions = [{ value: '', label: t('plans.goal.none') }, ...GOALS.map((g) => ({ value: g, label: t(`plans.goal.${g}`) }))];
  const visibilityOptions = VISIBILITIES.map((v) => ({ value: v, label: t(`plans.visibility.${v}`) }));

  return (
    <section className="screen cat-builder">
      <Link className="back-link" to={plan ? `/plans/${plan.id}` : '/plans'}>
        {plan ? t('plans.backToPlan') : t('plans.backToPlans')}
      </Link>
      <h1>{plan ? t('plans.builder.editTitle') : t('plans.builder.newTitle')}</h1>
      {conflict && (
        <div className="alert alert-warning" role="alert">
          <p>{t('plans.builder.conflict')}</p>
          <div className="actions">
            <Button small busy={loadTheirs.isPending} onClick={() => loadTheirs.mutate()}>
              {t('plans.builder.loadTheirs')}
            </Button>
            <Button small variant="primary" busy={keepMine.isPending || save.isPending} onClick={() => keepMine.mutate()}>
              {t('plans.builder.keepMine')}
            </Button>
          </div>
          {(loadTheirs.error || keepMine.error) && <p className="field-error">{problemMessage(t, loadTheirs.error ?? keepMine.error)}</p>}
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="card">
          <h2 className="cat-card-title">{t('plans.builder.details')}</h2>
          <TextField label={t('plans.builder.title')} value={draft.title} maxLength={120} error={errorAt('title')} onValue={(v) => set('title', v)} />
          <TextAreaField label={t('plans.builder.description')} value={draft.description} error={errorAt('description')} onValue={(v) => set('description', v)} />
          <TextField label={t('plans.builder.tags')} hint={t('plans.builder.tagsHint')} value={draft.tags} error={errorAt('tags')} onValue={(v) => set('tags', v)} />
          <div className="cat-two">
            <SelectField label={t('plans.builder.goal')} value={draft.goal} options={goalOptions} error={errorAt('goal')} onValue={(v) => set('goal', v)} />
            <SelectField label={t('plans.builder.visibility')} value={draft.visibility} options={visibilityOptions} onValue={(v) => set('visibility', v as Draft['visibility'])} />
          </div>
        </div>

        {draft.weeks.map((week, wi) => {
          const weekLabel = t('plans.weekN', { n: wi + 1 });
          const setWeek = (days: typeof week.days) => update({ ...draft, weeks: replaceAt(draft.weeks, wi, { ...week, days }) });
          return (
            <section key={week.key} className="cat-week" aria-labelledby={`${week.key}-title`}>
              <div className="cat-week-head">
                <h2 id={`${week.key}-title`}>{weekLabel}</h2>
                {draft.weeks.length > 1 && (
                <div className="cat-day-tools">
                  <button type="button" className="cat-icon-btn" disabled={wi === 0} aria-label={t('plans.builder.moveWeekUp', { week: weekLabel })} title={t('plans.builder.moveWeekUp', { week: weekLabel })} onClick={() => update({ ...draft, weeks: move(draft.weeks, wi, -1) })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="cat-icon-btn"
                    disabled={wi === draft.weeks.length - 1}
                    aria-label={t('plans.builder.moveWeekDown', { week: weekLabel })}
                    title={t('plans.builder.moveWeekDown', { week: weekLabel })}
                    onClick={() => update({ ...draft, weeks: move(draft.weeks, wi, 1) })}
                  >
                    ↓
                  </button>
                  <button type="button" className="cat-icon-btn" aria-label={t('plans.builder.removeWeek', { week: weekLabel })} title={t('plans.builder.removeWeek', { week: weekLabel })} onClick={() => update({ ...draft, weeks: removeAt(draft.weeks, wi) })}>
                    ✕
                  </button>
                </div>
                )}
              </div>
              {week.days.map((day, di) => (
                <PlanDayEditor
                  key={day.key}
                  day={day}
                  label={draft.weeks.length > 1 ? t('plans.weekDayN', { week: wi + 1, n: di + 1 }) : t('plans.dayN', { n: di + 1 })}
                  index={di}
                  count={week.days.length}
                  exercises={exercises}
                  units={units}
                  errorAt={(rest) => errorAt(`weeks[${wi}].days[${di}].${rest}`)}
                  onChange={(next) => setWeek(replaceAt(week.days, di, next))}
                  onAddExercise={() => setPicking({ week: wi, day: di })}
                  onDuplicate={() => setWeek(insertAfter(week.days, di, copyDay(day, t('plans.builder.copyOf', { name: day.name }))))}
                  onMove={(by) => setWeek(move(week.days, di, by))}
                  onRemove={week.days.length > 1 ? () => setWeek(removeAt(week.days, di)) : null}
                />
              ))}
              {errorAt(`weeks[${wi}].days`) && (
                <p className="field-error" role="alert">
                  {errorAt(`weeks[${wi}].days`)}
                </p>
              )}
              <div className="actions">
                <Button small disabled={week.days.length >= 7} onClick={() => setWeek([...week.days, emptyDay(t('plans.builder.defaultDay', { n: week.days.length + 1 }))])}>
                  {t('plans.builder.addDay')}
                </Button>
                <Button small disabled={draft.weeks.length >= 52} onClick={() => update({ ...draft, weeks: insertAfter(draft.weeks, wi, copyWeek(week)) })}>
                  {t('plans.builder.duplicateWeek')}
                </Button>
              </div>
            </section>
          );
        })}
        <Button className="btn-block" disabled={draft.weeks.length >= 52} onClick={() => update({ ...draft, weeks: [...draft.weeks, { key: newKey(), days: [emptyDay(t('plans.builder.defaultDay', { n: 1 }))] }] })}>
          {t('plans.builder.addWeek')}
        </Button>

        <div className="cat-savebar">
          {(formError || unplaced.length > 0) && (
            <div className="field-error" role="alert">
              {formError && <p>{formError}</p>}
              {unplaced.map(([path, message]) => (
                <p key={path}>{message}</p>
              ))}
            </div>
          )}
          <div className="cat-savebar-buttons">
            <Link className="btn btn-secondary" to={plan ? `/plans/${plan.id}` : '/plans'}>
              {t('common.cancel')}
            </Link>
            <Button type="submit" variant="primary" busy={save.isPending}>
              {plan ? t('plans.builder.save') : t('plans.builder.create')}
            </Button>
          </div>
        </div>
      </form>
      <ExercisePicker open={picking !== null} onClose={() => setPicking(null)} onPick={onPick} />
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title={t('plans.builder.leaveTitle')}
        confirmLabel={t('plans.builder.leaveConfirm')}
        cancelLabel={t('plans.builder.leaveCancel')}
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>{t('plans.builder.leaveBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
