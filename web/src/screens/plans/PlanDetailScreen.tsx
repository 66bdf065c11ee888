import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { coachingKeys } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { deletePlan, forkPlan } from '../../api/training';
import type { Exercise, Plan, PlanDay } from '../../api/types';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { personName, useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { formatClock, type Units } from '../../lib/units';
import { useMe } from '../../api/queries';
import { exerciseName, isCoach } from '../exercises/vocab';
import { ReportButton } from '../moderation/ReportButton';
import { Comments } from '../social/Comments';
import { AssignPanel, PlanFollowersCard } from './AssignPanel';
import { planKeys, useExercises, usePlan } from './planQueries';
import { groupSets, targetText } from './planText';

/**
 * A plan, week by week: days, exercises in order with supersets, and set targets. Signed-out
 * visitors can open a public plan's link; everything else here needs an account.
 */
export default function PlanDetailScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const signedIn = Boolean(useMe().data);
  const query = usePlan(id);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error) && query.error.status === 404) {
      return (
        <section className="screen">
          <h1>{t('plans.notFoundTitle')}</h1>
          <Alert tone="info">{t(signedIn ? 'plans.notFound' : 'plans.notFoundSignedOut')}</Alert>
          {signedIn ? <Link to="/plans">{t('plans.backToPlans')}</Link> : <Link to={`/login?next=${encodeURIComponent(`/plans/${id}`)}`}>{t('plans.signIn')}</Link>}
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <PlanView plan={query.data} />;
}

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const me = useMe().data?.me;
  const format = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const units: Units = me?.preferences.units === 'imperial' ? 'imperial' : 'metric';
  const [week, setWeek] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const exercises = useExercises(plan.weeks.flatMap((w) => w.days.flatMap((d) => d.exercises.map((e) => e.exercise_id))));
  const mine = plan.owner_id === me?.id;
  const saved = (location.state as { saved?: boolean } | null)?.saved;

  const fork = useMutation({
    mutationFn: () => forkPlan(plan.id),
    onSuccess: (copy) => {
      client.setQueryData(planKeys.one(copy.id), copy);
      void client.invalidateQueries({ queryKey: planKeys.all });
      navigate(`/plans/${copy.id}`, { state: { forked: true } });
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePlan(plan.id),
    onSuccess: () => {
      client.removeQueries({ queryKey: planKeys.one(plan.id) });
      void client.invalidateQueries({ queryKey: planKeys.all });
      // My members shows each member's plan by its title and days.
      void client.invalidateQueries({ queryKey: coachingKeys.members });
      navigate('/plans', { replace: true });
    },
  });
  const forked = (location.state as { forked?: boolean } | null)?.forked;
  const days = plan.weeks.reduce((n, w) => n + w.days.length, 0);
  const shownWeek = plan.weeks[Math.min(week, plan.weeks.length - 1)];

  return (
    <section className="screen cat-plan">
      {me && (
        <Link className="back-link" to="/plans">
          {t('plans.backToPlans')}
        </Link>
      )}
      {saved && <Alert tone="success">{t('plans.saved')}</Alert>}
      {forked && <Alert tone="success">{t('plans.forked')}</Alert>}
      <div className="card">
        <h1 className="cat-plan-title">{plan.title}</h1>
        {plan.author && !mine && (
          <p className="muted">
            {t('plans.byPrefix')} <Link to={`/u/${plan.author.username}`}>{personName(plan.author)}</Link>
          </p>
        )}
        <div className="status-line">
          {plan.goal && <span className="badge badge-accent">{t(`plans.goal.${plan.goal}`, { defaultValue: plan.goal })}</span>}
          <span className="badge badge-muted">{t(`plans.visibility.${plan.visibility}`)}</span>
          <span className="muted">
            {t('plans.weeks', { count: plan.weeks.length })} · {t('plans.days', { count: days })}
          </span>
        </div>
        {plan.tags.length > 0 && (
          <ul className="cat-tags" aria-label={t('plans.builder.tags')}>
            {plan.tags.map((tag) => (
              <li key={tag} className="cat-tag">
                #{tag}
              </li>
            ))}
          </ul>
        )}
        {plan.description && <p className="cat-pre">{plan.description}</p>}
        <p className="muted cat-small">
          {t('plans.updated', { date: format.date(plan.updated_at) })}
          {plan.forked_from && (
            <>
              {' · '}
              <Link to={`/plans/${plan.forked_from}`}>{t('plans.forkedFrom')}</Link>
            </>
          )}
        </p>
        <div className="actions">
          {!me ? (
            <Link className="btn btn-primary" to={`/login?next=${encodeURIComponent(`/plans/${plan.id}`)}`}>
              {t('plans.signInToCopy')}
            </Link>
          ) : mine ? (
            <>
              <Link className="btn btn-primary" to={`/plans/${plan.id}/edit`}>
                {t('plans.edit')}
              </Link>
              <Button busy={fork.isPending} onClick={() => fork.mutate()}>
                {t('plans.duplicate')}
              </Button>
              <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                {t('plans.delete')}
              </Button>
            </>
          ) : (
            <>
              <Button variant="primary" busy={fork.isPending} onClick={() => fork.mutate()}>
                {t('plans.fork')}
              </Button>
              <ReportButton kind="plan" id={plan.id} label={plan.title} />
            </>
          )}
        </div>
        {fork.isError && (
          <p className="field-error" role="alert">
            {problemMessage(t, fork.error)}
          </p>
        )}
      </div>

      {plan.weeks.length > 1 && (
        <div className="tabs" role="tablist" aria-label={t('plans.weekTabs')}>
          {plan.weeks.map((_, i) => (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={i === week}
              className={`tab${i === week ? ' active' : ''}`}
              onClick={() => setWeek(i)}
            >
              {t('plans.weekN', { n: i + 1 })}
            </button>
          ))}
        </div>
      )}
      {shownWeek?.days.map((day, di) => (
        <PlanDayCard key={di} day={day} number={di + 1} exercises={exercises} units={units} linkExercises={Boolean(me)} />
      ))}

      {me && isCoach(me.role) ? <AssignPanel plan={plan} /> : mine ? <PlanFollowersCard plan={plan} /> : null}

      {me && <Comments subject={{ kind: 'plan', id: plan.id }} />}

      <ConfirmDialog
        open={confirmDelete}
        title={t('plans.deleteTitle', { title: plan.title })}
        confirmLabel={t('plans.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
      >
        <p>{t('plans.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function PlanDayCard({ day, number, exercises, units, linkExercises }: { day: PlanDay; number: number; exercises: Map<string, Exercise>; units: Units; linkExercises: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card cat-day-card" aria-labelledby={`day-${number}`}>
      <h2 id={`day-${number}`} className="cat-card-title">
        <span className="muted">{t('plans.dayN', { n: number })} · </span>
        {day.name}
      </h2>
      {day.notes && <p className="cat-pre muted">{day.notes}</p>}
      <ol className="cat-day-exercises">
        {day.exercises.map((e, i) => {
          const ex = exercises.get(e.exercise_id);
          const name = ex ? exerciseName(ex, i18n.language) : t('plans.unknownExercise');
          const prev = day.exercises[i - 1];
          const next = day.exercises[i + 1];
          const inSuperset = Boolean(e.superset);
          const startsGroup = inSuperset && prev?.superset !== e.superset;
          const endsGroup = inSuperset && next?.superset !== e.superset;
          return (
            <li key={i} className={`cat-day-ex${inSuperset ? ' cat-in-superset' : ''}${startsGroup ? ' cat-superset-start' : ''}${endsGroup ? ' cat-superset-end' : ''}`}>
              {startsGroup && <span className="badge badge-accent cat-superset-badge">{t('plans.builder.supersetLabel', { label: e.superset })}</span>}
              <p className="cat-day-ex-name">
                {ex && linkExercises ? <Link to={`/exercises/${e.exercise_id}`}>{name}</Link> : name}
              </p>
              <ul className="cat-target-list">
                {groupSets(e.sets).map((g) => (
                  <li key={g.first}>
                    {g.count > 1 ? `${g.count} × ` : ''}
                    {targetText(t, i18n.language, g.set, units)}
                    {g.set.kind && g.set.kind !== 'normal' && <span className={`cat-kind cat-kind-${g.set.kind}`}> {t(`plans.kind.${g.set.kind}`)}</span>}
                    {g.set.rest_s ? <span className="muted"> · {t('plans.target.rest', { time: formatClock(g.set.rest_s) })}</span> : null}
                  </li>
                ))}
              </ul>
              {e.notes && <p className="muted cat-small">{e.notes}</p>}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
