import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../api/types';
import type { ExerciseProgress, RecordEvent } from '../../api/analysis';
import { useExerciseProgress } from '../../api/analysisQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { formatNumber, weightUnit, type Units } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { localDate } from '../plans/dates';
import { RecordGroupItem } from '../progress/RecordGroupItem';
import { exerciseMetrics, exerciseSeries, groupRecordEvents, rangeDates, recordRows, type ExerciseMetric, type ProgressRange } from '../progress/shape';
import '../progress/progress.css';

const TrendChart = lazy(() => import('../../components/TrendChart'));

/** Workouts with records shown before "show all". */
const TIMELINE_SHOWN = 4;

/** The member's own progress with one exercise: a chart per session, the records, and when each was set. */
export function ExerciseProgressCard({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const [range, setRange] = useState<ProgressRange>('1y');
  const dates = useMemo(() => rangeDates(range, localDate(me.preferences.timezone)), [range, me.preferences.timezone]);
  const query = useExerciseProgress(exercise.id, dates);
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else
    body = (
      <>
        <ProgressChart progress={query.data} logging={exercise.logging} units={me.preferences.units} />
        <RecordsTable progress={query.data} units={me.preferences.units} />
        <RecordTimeline events={query.data.timeline} />
      </>
    );
  return (
    <section className="card" aria-labelledby="exercise-progress">
      <div className="pg-card-head">
        <h2 id="exercise-progress" className="cat-card-title pg-card-title">
          {t('exercises.progress.title')}
        </h2>
        <Segmented
          label={t('exercises.progress.range')}
          value={range}
          onValue={setRange}
          options={(['3m', '1y', 'all'] as const).map((r) => ({ value: r, label: t(`exercises.progress.ranges.${r}`) }))}
        />
      </div>
      {body}
    </section>
  );
}

function ProgressChart({ progress, logging, units }: { progress: ExerciseProgress; logging: string; units: Units }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const metrics = exerciseMetrics(logging);
  const [chosen, setMetric] = useState<ExerciseMetric>(metrics[0] ?? 'e1rm');
  const metric = metrics.includes(chosen) ? chosen : metrics[0];
  const { x, y } = useMemo(() => (metric ? exerciseSeries(progress.sessions, metric, units) : { x: [], y: [] }), [progress.sessions, metric, units]);
  const metricName = metric ? t(`exercises.progress.metrics.${metric}`) : '';
  const series = useMemo(() => [{ label: metricName, values: y, color: '--chart-1' }], [metricName, y]);
  const unit = weightUnit(t, units);
  const format = useCallback(
    (v: number) => (metric === 'reps' ? formatNumber(v, lang, 0) : `${formatNumber(v, lang, metric === 'volume' ? 0 : 1)} ${unit}`),
    [metric, lang, unit],
  );
  if (!metric) return null;
  if (progress.sessions.length === 0) return <EmptyState>{t('exercises.progress.empty')}</EmptyState>;
  return (
    <>
      {metrics.length > 1 && (
        <div className="pg-controls">
          <Segmented
            label={t('exercises.progress.metricLabel')}
            value={metric}
            onValue={setMetric}
            options={metrics.map((m) => ({ value: m, label: t(`exercises.progress.metrics.${m}`) }))}
          />
        </div>
      )}
      {x.length < 2 && <p className="muted pg-small">{t('exercises.progress.oneSession')}</p>}
      {x.length > 0 && (
        <Suspense fallback={<Loading />}>
          <TrendChart
            x={x}
            series={series}
            mode="time"
            xUnit="day"
            format={format}
            label={t('exercises.progress.chartLabel', { metric: metricName, count: x.length, latest: format(y[y.length - 1]!), best: format(Math.max(...y)) })}
            locale={lang}
            height={200}
          />
        </Suspense>
      )}
    </>
  );
}

function RecordsTable({ progress, units }: { progress: ExerciseProgress; units: Units }) {
  const { t, i18n } = useTranslation();
  const rows = progress.records ? recordRows(t, i18n.language, progress.records, units) : [];
  return (
    <>
      <h3 className="cat-subtitle">{t('exercises.progress.records')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('exercises.progress.noRecords')}</p>
      ) : (
        <table className="pg-table">
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Records by workout, newest first; the older ones behind "show all". */
function RecordTimeline({ events }: { events: RecordEvent[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const groups = useMemo(() => groupRecordEvents([...events].reverse()), [events]);
  if (groups.length === 0) return null;
  const shown = all ? groups : groups.slice(0, TIMELINE_SHOWN);
  return (
    <>
      <h3 className="cat-subtitle">{t('exercises.progress.timeline')}</h3>
      <ul className="rows pg-events">
        {shown.map((g) => (
          <RecordGroupItem key={`${g.workout_id}-${g.events[0]!.metric}`} group={g} />
        ))}
      </ul>
      {shown.length < groups.length && (
        <Button small onClick={() => setAll(true)}>
          {t('exercises.progress.showAll', { count: events.length })}
        </Button>
      )}
    </>
  );
}
