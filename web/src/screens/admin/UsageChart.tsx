import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Spinner';
import { formatNumber } from '../../lib/units';
import { calendarFormat, daySeconds } from './usageShape';

const TrendChart = lazy(() => import('../../components/TrendChart'));

interface UsageChartProps {
  id: string;
  title: string;
  /** `YYYY-MM-DD` of each point, oldest first. */
  dates: string[];
  values: number[];
  kind: 'line' | 'bars';
  /** Days placed by date, or weeks as even columns. */
  mode: 'time' | 'category';
  color?: string;
}

/**
 * One series of the usage dashboard as a chart, with the same numbers as a table under
 * "Show the numbers" (screen readers, and anyone who wants the exact count of a day).
 */
export function UsageChart({ id, title, dates, values, kind, mode, color = '--chart-1' }: UsageChartProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const x = useMemo(() => dates.map(daySeconds), [dates]);
  const series = useMemo(() => [{ label: title, values, color, kind }], [title, values, color, kind]);
  const format = useCallback((v: number) => formatNumber(v, lang, 0), [lang]);
  // Counts: whole numbers only on the axis (a tick at 0.5 stays unlabelled).
  const axisFormat = useCallback(
    (v: number) => (Number.isInteger(v) ? new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v) : ''),
    [lang],
  );
  const day = calendarFormat(lang, { dateStyle: 'medium' });
  const total = values.reduce((a, b) => a + b, 0);
  const label = t('admin.usage.chartLabel', { title, max: format(Math.max(0, ...values)), total: format(total) });
  return (
    <section className="card usage-chart" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {values.length === 0 ? (
        <p className="muted">{t('admin.usage.noDays')}</p>
      ) : (
        <Suspense fallback={<Loading />}>
          <TrendChart x={x} series={series} mode={mode} xUnit="day" format={format} axisFormat={axisFormat} label={label} locale={lang} height={180} />
        </Suspense>
      )}
      <details className="usage-numbers">
        <summary>{t('admin.usage.showNumbers')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(mode === 'time' ? 'admin.usage.day' : 'admin.usage.weekOf')}</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {dates.map((d, i) => (
              <tr key={d}>
                <th scope="row">{day(d)}</th>
                <td>{format(values[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
