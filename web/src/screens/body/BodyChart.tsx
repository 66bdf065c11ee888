import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  /** Points oldest first: seconds since the epoch and the value in display units. */
  points: { t: number; v: number }[];
  label: string;
  format: (v: number) => string;
  locale: string;
}

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** A line chart of one body measurement over time (uPlot, loaded with this chunk only). */
export default function BodyChart({ points, label, format, locale }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const accent = cssVar('--accent', '#1f6feb');
    const muted = cssVar('--muted', '#535c6a');
    const border = cssVar('--border', '#cfd5dd');
    const dateFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const values = points.map((p) => p.v);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const pad = Math.max((max - min) * 0.15, Math.abs(max) * 0.02, 0.5);
    const axis = { stroke: muted, grid: { stroke: border, width: 1 }, ticks: { stroke: border, width: 1 } };
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 200),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: [min - pad, max + pad] } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((s) => dateFmt.format(new Date(s * 1000))) },
          { ...axis, size: 56, values: (_u, splits) => splits.map((s) => format(s)) },
        ],
        series: [
          {},
          {
            label,
            stroke: accent,
            width: 2,
            points: { show: points.length < 60, size: 6, fill: accent, stroke: accent },
          },
        ],
      },
      [points.map((p) => p.t), values],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, label, format, locale]);
  return <div ref={box} className="cat-chart" role="img" aria-label={label} />;
}
