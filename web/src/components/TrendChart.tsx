import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './TrendChart.css';

export interface TrendSeries {
  label: string;
  /** One value per x, in display units; null leaves a gap. */
  values: (number | null)[];
  /** A CSS colour variable such as `--chart-1`. */
  color: string;
  kind?: 'line' | 'bars';
  dashed?: boolean;
}

export interface TrendChartProps {
  /** Seconds since the epoch at 00:00 UTC of each point's day, oldest first. */
  x: number[];
  series: TrendSeries[];
  /** `category`: evenly spaced columns (weeks, months); `time`: points placed by date. */
  mode: 'category' | 'time';
  /** How to name an x value on the axis: a day ("14 Sep") or a month ("Sep"). */
  xUnit: 'day' | 'month';
  format: (v: number) => string;
  /** Shorter numbers for the y axis ("24K"); `format` when not given. */
  axisFormat?: (v: number) => string;
  /** What the chart shows, for screen readers (the numbers are also on the page as text). */
  label: string;
  locale: string;
  height?: number;
}

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/**
 * A small line or bar chart (uPlot, in the lazily loaded chunk of the screens that use it).
 * Touching or hovering shows the value under the finger above the plot.
 */
export default function TrendChart({ x, series, mode, xUnit, format, axisFormat, label, locale, height = 200 }: TrendChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    const muted = cssVar('--muted', '#535c6a');
    const border = cssVar('--border', '#cfd5dd');
    const utc = { timeZone: 'UTC' } as const;
    const dayFmt = new Intl.DateTimeFormat(locale, { ...utc, day: 'numeric', month: 'short' });
    const monthFmt = new Intl.DateTimeFormat(locale, { ...utc, month: 'short' });
    const longFmt = new Intl.DateTimeFormat(locale, { ...utc, ...(xUnit === 'month' ? { month: 'long', year: 'numeric' } : { dateStyle: 'medium' }) });
    const name = (secs: number) => (xUnit === 'month' ? monthFmt : dayFmt).format(new Date(secs * 1000));
    const category = mode === 'category';
    const xs = category ? x.map((_, i) => i) : x;
    const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const hasBars = series.some((s) => s.kind === 'bars');
    let min = Math.min(...all, hasBars ? 0 : Infinity);
    let max = Math.max(...all, hasBars ? 0 : -Infinity);
    if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = [0, 1];
    const pad = Math.max((max - min) * 0.12, Math.abs(max) * 0.02, 0.5);
    const axis = { stroke: muted, grid: { stroke: border, width: 1 }, ticks: { stroke: border, width: 1 }, font: '12px system-ui, sans-serif' };
    const width = () => Math.max(el.clientWidth, 200);
    const bars = uPlot.paths.bars!({ size: [0.65, 48], align: 0 });
    const opts: uPlot.Options = {
      width: width(),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        x: category ? { time: false, range: () => [-0.6, xs.length - 0.4] } : { time: true },
        y: { range: [hasBars && min >= 0 ? 0 : min - pad, max + pad] },
      },
      axes: [
        {
          ...axis,
          space: xUnit === 'month' ? 36 : 56,
          ...(category ? { incrs: [1, 2, 3, 4, 6, 12, 24] } : {}),
          values: (_u, splits) => splits.map((s) => (category ? (Number.isInteger(s) && x[s] !== undefined ? name(x[s]!) : '') : name(s))),
        },
        { ...axis, size: 56, values: (_u, splits) => splits.map((s) => (axisFormat ?? format)(s)) },
      ],
      series: [
        {},
        ...series.map((s) => {
          const color = cssVar(s.color, '#1f6feb');
          return s.kind === 'bars'
            ? { label: s.label, stroke: color, fill: color, width: 0, paths: bars, points: { show: false } }
            : {
                label: s.label,
                stroke: color,
                width: 2,
                dash: s.dashed ? [6, 4] : undefined,
                spanGaps: true,
                points: { show: xs.length < 40, size: 6, fill: color, stroke: color },
              };
        }),
      ],
      hooks: {
        setCursor: [
          (u) => {
            const out = readout.current;
            if (!out) return;
            const i = u.cursor.idx;
            if (i === null || i === undefined) {
              out.textContent = '\u00a0';
              return;
            }
            const parts = series
              .map((s) => (s.values[i] === null || s.values[i] === undefined ? null : `${s.label} ${format(s.values[i]!)}`))
              .filter(Boolean);
            out.textContent = `${longFmt.format(new Date(x[i]! * 1000))}: ${parts.join(' · ')}`;
          },
        ],
      },
    };
    const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, mode, xUnit, format, axisFormat, locale, height]);
  return (
    <div className="trend">
      <p ref={readout} className="trend-readout" aria-hidden="true">
        {'\u00a0'}
      </p>
      <div ref={box} className="trend-plot" role="img" aria-label={label} style={{ minHeight: height }} />
      {series.length > 1 && (
        <ul className="trend-legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`trend-swatch${s.dashed ? ' trend-swatch-dashed' : ''}`} style={{ borderColor: `var(${s.color})` }} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
