import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UserRef, WorkoutDetail } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { personName, useFormat } from '../../lib/format';
import { formatHm } from '../../lib/units';
import { noteFor } from '../../lib/exerciseNotes';
import '../../i18n/training';
import { useMe } from '../../api/queries';
import { TrophyIcon } from '../../components/icons';
import { ReportButton } from '../moderation/ReportButton';
import WorkoutSocial from '../social/WorkoutSocial';
import { formatVolume, setText } from './text';
import { useVisibilityOptions } from './WorkoutDetailsForm';

// Loaded only on the summary of a workout just finished.
const BadgeCelebration = lazy(() => import('../achievements/BadgeCelebration'));
// Loaded only for workouts with a distance (GPS activities keep their route).
const WorkoutRouteCard = lazy(() => import('./WorkoutRouteCard'));

type Props = {
  view: WorkoutDetail;
  name: (exerciseId: string) => string;
} & (
  | {
      justFinished: boolean;
      /** The plan day that comes next (null after the plan's last day); only for workouts from a plan. */
      nextDay?: string | null;
      pendingCount: number;
      onEdit: () => void; onDelete: () => Promise<void>; readOnly?: false; owner?: undefined }
  /** Someone else's workout (a coach looking at a member's): read only. */
  | { readOnly: true; owner?: UserRef | null; justFinished?: undefined; nextDay?: undefined; pendingCount?: undefined; onEdit?: undefined; onDelete?: undefined }
);

/** A finished workout: totals, records, and its sets grouped by exercise. */
export function WorkoutSummary({ view, name, justFinished, nextDay, pendingCount = 0, onEdit, onDelete, readOnly, owner }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe().data?.me;
  const fmt = useFormat();
  const visibility = useVisibilityOptions();
  const [confirm, setConfirm] = useState(false);
  const units = me?.preferences.units ?? 'metric';
  const w = view.workout;
  const duration = w.duration_s ?? (w.finished_at ? (Date.parse(w.finished_at) - Date.parse(w.started_at)) / 1000 : 0);
  const order: string[] = [];
  for (const pe of view.plan_day?.exercises ?? []) if (view.sets.some((s) => s.exercise_id === pe.exercise_id) && !order.includes(pe.exercise_id)) order.push(pe.exercise_id);
  for (const s of view.sets) if (!order.includes(s.exercise_id)) order.push(s.exercise_id);
  const records = view.sets.filter((s) => s.is_record);
  return (
    <section className="screen wk-summary">
      {justFinished ? (
        <div className="wk-summary-hero">
          <TrophyIcon />
          <h1>{t('summary.doneTitle')}</h1>
          <p className="muted">{w.title}</p>
          {nextDay !== undefined && (
            <p className="wk-next-day" data-testid="next-day">
              {nextDay === null ? t('summary.planDone') : t('summary.doneToday', { day: nextDay })}
            </p>
          )}
        </div>
      ) : readOnly ? (
        <>
          {owner && (
            <Link to={`/u/${owner.username}`} className="back-link">
              {t('summary.backToProfile', { name: personName(owner) })}
            </Link>
          )}
          <h1>{w.title || t('logger.untitled')}</h1>
          {owner && <p className="muted">{t('summary.loggedBy', { name: personName(owner) })}</p>}
        </>
      ) : (
        <>
          <Link to="/workouts" className="back-link">
            {t('history.backToHistory')}
          </Link>
          <h1>{w.title || t('logger.untitled')}</h1>
        </>
      )}
      <p className="muted">
        {fmt.dateTime(w.started_at)} · {visibility.find((v) => v.value === w.visibility)?.label}
      </p>
      {pendingCount > 0 && <p className="alert alert-info">{t('summary.pending')}</p>}
      {justFinished && pendingCount === 0 && (
        <Suspense fallback={null}>
          <BadgeCelebration startedAt={w.started_at} />
        </Suspense>
      )}
      <dl className="wk-stats">
        <div>
          <dt>{t('summary.duration')}</dt>
          <dd>{formatHm(duration)}</dd>
        </div>
        <div>
          <dt>{t('summary.sets')}</dt>
          <dd>{view.sets.length}</dd>
        </div>
        <div>
          <dt>{t('summary.volume')}</dt>
          <dd>{formatVolume(t, i18n.language, w.volume_kg, units)}</dd>
        </div>
        <div>
          <dt>{t('summary.records')}</dt>
          <dd>{records.length}</dd>
        </div>
      </dl>
      {view.sets.some((s) => (s.distance_m ?? 0) > 0) && (
        <Suspense fallback={null}>
          <WorkoutRouteCard workoutId={w.id} units={units} />
        </Suspense>
      )}
      {records.length > 0 && (
        <div className="card wk-records">
          <h2>
            <TrophyIcon /> {t('summary.recordsTitle', { count: records.length })}
          </h2>
          <ul>
            {records.map((s) => (
              <li key={s.id}>
                <strong>{name(s.exercise_id)}</strong> — {setText(t, i18n.language, s, units)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {order.length === 0 && <p className="empty-state">{t('summary.noSets')}</p>}
      {order.map((exId) => {
        const sets = view.sets.filter((s) => s.exercise_id === exId);
        return (
          <section key={exId} className="card wk-summary-ex">
            <h2>{name(exId)}</h2>
            {noteFor(w, exId) && (
              <p className="wk-ex-note wk-ex-note-full">
                <span className="visually-hidden">{t('exerciseNote.shown')} </span>
                {noteFor(w, exId)}
              </p>
            )}
            <ol className="wk-summary-sets">
              {sets.map((s) => (
                <li key={s.id}>
                  {s.kind !== 'normal' && <span className={`badge wk-badge-${s.kind}`}>{t(`logger.kind.${s.kind}`)}</span>}{' '}
                  {setText(t, i18n.language, s, units)}
                  {s.is_record && (
                    <span className="badge badge-success wk-record-badge">
                      <TrophyIcon /> {t('logger.record')}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      {w.notes && (
        <div className="card">
          <h2>{t('workouts.notes')}</h2>
          <p className="wk-notes">{w.notes}</p>
        </div>
      )}
      {!readOnly && (
        <div className="actions">
          {justFinished && (
            <Link to="/" className="btn btn-primary">
              {t('summary.home')}
            </Link>
          )}
          <Button onClick={onEdit}>{t('summary.edit')}</Button>
          <Button variant="danger" onClick={() => setConfirm(true)}>
            {t('summary.delete')}
          </Button>
          <Link to="/workouts" className="btn btn-ghost">
            {t('summary.history')}
          </Link>
        </div>
      )}
      {readOnly && me && w.user_id !== me.id && (
        <div className="actions">
          <ReportButton kind="workout" id={w.id} label={w.title || t('logger.untitled')} />
        </div>
      )}
      {me && w.finished_at && pendingCount === 0 && <WorkoutSocial workoutId={w.id} mine={w.user_id === me.id} />}
      <ConfirmDialog
        open={confirm}
        title={t('summary.deleteTitle')}
        confirmLabel={t('summary.delete')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void onDelete?.();
        }}
      >
        <p>{t('summary.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
