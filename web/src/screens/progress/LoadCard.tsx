import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyLoad } from '../../api/analysisQueries';
import { LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { formatNumber } from '../../lib/units';
import { formZone, loadSeries, ratioZone } from './shape';

const TrendChart = lazy(() => import('../../components/TrendChart'));

/**
 * Training load for lifters: fitness, fatigue and form (fitness − fatigue) from session RPE ×
 * minutes, the acute:chronic ratio, what today's numbers mean, and how they are worked out.
 */
export function LoadCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useMyLoad();
  const series = useMemo(() => (query.data ? loadSeries(query.data.days) : null), [query.data]);
  const chartSeries = useMemo(
    () =>
      series && [
        { label: t('progress.load.fitness'), values: series.fitness, color: '--chart-1' },
        { label: t('progress.load.fatigue'), values: series.fatigue, color: '--chart-2' },
        { label: t('progress.load.form'), values: series.form, color: '--chart-3', dashed: true },
      ],
    [series, t],
  );
  const format = useCallback((v: number) => formatNumber(v, lang, 0), [lang]);
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const load = query.data;
    const today = load.days[load.days.length - 1];
    const signed = new Intl.NumberFormat(lang, { signDisplay: 'exceptZero', maximumFractionDigits: 0 });
    const ratio = ratioZone(today?.ratio);
    const form = formZone(today);
    const trained = load.days.some((d) => d.load > 0);
    body = (
      <>
        <dl className="pg-stats pg-stats-4">
          <div>
            <dt>{t('progress.load.fitness')}</dt>
            <dd>{format(today?.fitness ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('progress.load.fatigue')}</dt>
            <dd>{format(today?.fatigue ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('progress.load.form')}</dt>
            <dd>{signed.format(Math.round(today?.form ?? 0))}</dd>
          </div>
          <div>
            <dt>{t('progress.load.ratio')}</dt>
            <dd>{today?.ratio == null ? t('progress.load.noRatio') : formatNumber(today.ratio, lang, 2)}</dd>
          </div>
        </dl>
        <ul className="pg-verdicts">
          <li className={`pg-verdict pg-form-${form}`}>{t(`progress.load.formZone.${form}`)}</li>
          <li className={`pg-verdict pg-ratio-${ratio}`}>{t(`progress.load.ratioZone.${ratio}`)}</li>
        </ul>
        {trained && series && chartSeries && (
          <Suspense fallback={<Loading />}>
            <TrendChart
              x={series.x}
              series={chartSeries}
              mode="time"
              xUnit="day"
              format={format}
              label={t('progress.load.chartLabel', {
                count: load.days.length,
                fitness: format(today?.fitness ?? 0),
                fatigue: format(today?.fatigue ?? 0),
                form: signed.format(Math.round(today?.form ?? 0)),
              })}
              locale={lang}
              height={200}
            />
          </Suspense>
        )}
        <details className="pg-explain">
          <summary>{t('progress.load.explainTitle')}</summary>
          <p>{t('progress.load.explainLoad', { rpe: formatNumber(load.default_rpe, lang) })}</p>
          <p>{t('progress.load.explainFitness', { fitness: load.fitness_days, fatigue: load.fatigue_days })}</p>
          <p>{t('progress.load.explainRatio', { acute: load.acute_days, chronic: load.chronic_days })}</p>
        </details>
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="pg-load-title">
      <h2 id="pg-load-title" className="pg-card-title">
        {t('progress.load.title')}
      </h2>
      {body}
    </section>
  );
}
