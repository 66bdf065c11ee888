import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stats } from '../../api/analysis';
import { Loading } from '../../components/Spinner';
import { formatNumber, weightUnit } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { volumeSeries } from './shape';

const TrendChart = lazy(() => import('../../components/TrendChart'));

/** Weight moved per week (or month) over the last twelve, as bars. */
export function VolumeCard({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const lang = i18n.language;
  const units = me.preferences.units;
  const unit = weightUnit(t, units);
  const { x, y } = useMemo(() => volumeSeries(stats.buckets, units), [stats.buckets, units]);
  const series = useMemo(() => [{ label: t('progress.volume'), values: y, color: '--chart-1', kind: 'bars' as const }], [t, y]);
  const format = useCallback((v: number) => `${formatNumber(v, lang, 0)} ${unit}`, [lang, unit]);
  const axisFormat = useCallback((v: number) => new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v), [lang]);
  const title = t(stats.period === 'week' ? 'progress.volumeWeekly' : 'progress.volumeMonthly');
  const label = t('progress.volumeLabel', { title, latest: format(y[y.length - 1] ?? 0), max: format(Math.max(0, ...y)) });
  return (
    <section className="card" aria-labelledby="pg-volume-title">
      <h2 id="pg-volume-title" className="pg-card-title">
        {t('progress.volumeTitle')}
      </h2>
      <p className="muted pg-small">
        {title}, {unit}
      </p>
      <Suspense fallback={<Loading />}>
        <TrendChart x={x} series={series} mode="category" xUnit={stats.period === 'week' ? 'day' : 'month'} format={format} axisFormat={axisFormat} label={label} locale={lang} height={190} />
      </Suspense>
    </section>
  );
}
