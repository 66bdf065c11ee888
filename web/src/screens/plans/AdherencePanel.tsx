import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdherenceDay, AdherenceExercise } from '../../api/analysis';
import { useAdherence } from '../../api/analysisQueries';
import { useMe } from '../../api/queries';
import type { Assignment, Exercise } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import type { Units } from '../../lib/units';
import { exerciseName } from '../exercises/vocab';
import { setMet } from '../progress/shape';
import { useExercises } from './planQueries';
import { setText, targetText } from '../workouts/text';
import '../progress/progress.css';

/** A button under an assignment that opens its planned-vs-done panel (loaded when opened). */
export function AdherenceToggle({ assignment, label }: { assignment: Assignment; label?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="pg-adherence-toggle">
      <Button small variant="ghost" aria-expanded={open} aria-controls={panelId} aria-label={label} onClick={() => setOpen((o) => !o)}>
        {t('plans.adherence.show')}
      </Button>
      <div id={panelId}>{open && <AdherencePanel assignmentId={assignment.id} />}</div>
    </div>
  );
}

const WEEKS_SHOWN = 8;

/** Planned vs done per week of the plan, and target vs actual per set for the recent planned days. */
export function AdherencePanel({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const [allWeeks, setAllWeeks] = useState(false);
  const format = useFormat();
  const units: Units = useMe().data?.me.preferences.units ?? 'metric';
  const query = useAdherence(assignmentId);
  const exercises = useExercises(query.data?.days.flatMap((d) => d.exercises.map((e) => e.exercise_id)) ?? []);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const { weeks, days } = query.data;
  const shownWeeks = allWeeks ? weeks : weeks.slice(-WEEKS_SHOWN);
  const planned = weeks.reduce((n, w) => n + w.planned, 0);
  const done = weeks.reduce((n, w) => n + w.done, 0);
  const day = (iso: string) => format.date(`${iso}T12:00:00Z`);
  return (
    <div className="pg-adherence">
      <h3>{t('plans.adherence.title')}</h3>
      {weeks.length === 0 ? (
        <p className="muted">{t('plans.adherence.noWeeks')}</p>
      ) : (
        <>
          <p>{t('plans.adherence.summary', { done, planned })}</p>
          <h4>{t('plans.adherence.weeks')}</h4>
          <ul className="pg-weeks">
            {shownWeeks.map((w) => (
              <li key={w.week_start}>
                <span>{t('plans.adherence.weekOf', { date: day(w.week_start) })}</span>
                <span className="pg-bar-track" aria-hidden="true">
                  <span className="pg-bar-fill" style={{ width: `${w.planned > 0 ? Math.min(100, (w.done / w.planned) * 100) : 0}%` }} />
                </span>
                <span className="pg-bar-value">{t('plans.adherence.weekDone', { done: w.done, planned: w.planned })}</span>
              </li>
            ))}
          </ul>
          {shownWeeks.length < weeks.length && (
            <Button small variant="ghost" onClick={() => setAllWeeks(true)}>
              {t('plans.adherence.allWeeks', { count: weeks.length })}
            </Button>
          )}
        </>
      )}
      <h4>{t('plans.adherence.days')}</h4>
      {days.length === 0 ? (
        <EmptyState>{t('plans.adherence.noDays')}</EmptyState>
      ) : (
        days.map((d) => <PlannedDay key={d.workout_id} day={d} date={day(d.date)} exercises={exercises} units={units} />)
      )}
    </div>
  );
}

function PlannedDay({ day, date, exercises, units }: { day: AdherenceDay; date: string; exercises: Map<string, Exercise>; units: Units }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="pg-adh-day">
      <p>
        <Link to={`/workouts/${day.workout_id}`}>{t('plans.adherence.dayTitle', { day: day.day_name || t('plans.weekDayN', { week: day.week + 1, n: day.day + 1 }), date })}</Link>
      </p>
      {day.exercises.map((e, i) => {
        const ex = exercises.get(e.exercise_id);
        return <ExerciseSets key={`${e.exercise_id}-${i}`} exercise={e} title={ex ? exerciseName(ex, i18n.language) : t('plans.unknownExercise')} units={units} />;
      })}
    </article>
  );
}

/** Set by set: what the plan asked for, what was done, and whether it was met. */
function ExerciseSets({ exercise, title, units }: { exercise: AdherenceExercise; title: string; units: Units }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const working = exercise.actual;
  const rows = Math.max(exercise.targets.length, working.length);
  return (
    <table className="pg-adh-sets">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('plans.adherence.set')}</span>
          </th>
          <th scope="col">{t('plans.adherence.target')}</th>
          <th scope="col">{t('plans.adherence.actual')}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => {
          const target = exercise.targets[i];
          const actual = working[i];
          const met = target && actual ? setMet(target, actual) : null;
          return (
            <tr key={i}>
              <th scope="row">
                <span aria-hidden="true">{i + 1}</span>
                <span className="visually-hidden">{t('plans.adherence.setN', { n: i + 1 })}</span>
              </th>
              <td>{target ? targetText(t, lang, target, units) : <span className="muted">{t('plans.adherence.extra')}</span>}</td>
              <td>
                {actual ? setText(t, lang, actual, units) : <span className="pg-adh-missed">{t('plans.adherence.notDone')}</span>}
                {met !== null && (
                  <span className={met ? 'pg-adh-met' : 'pg-adh-missed'}>
                    {' '}
                    {met ? '✓' : '↓'}
                    <span className="visually-hidden">{t(met ? 'plans.adherence.met' : 'plans.adherence.missed')}</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
