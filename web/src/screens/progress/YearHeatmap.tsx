import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsDay } from '../../api/analysis';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { heatmap } from './shape';

/** A year of training days, a column per week (GitHub style); each day says what it held. */
export function YearHeatmap({ days, today }: { days: StatsDay[]; today: string }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const lang = i18n.language;
  const map = useMemo(() => heatmap(days, today, me.preferences.week_start), [days, today, me.preferences.week_start]);
  const scroller = useRef<HTMLDivElement>(null);
  // The newest weeks are at the right: start there on a narrow screen.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [map]);
  const dateFmt = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const monthFmt = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short' });
  const describe = (date: string, day?: StatsDay) => {
    const when = dateFmt.format(new Date(`${date}T00:00:00Z`));
    if (!day || day.sessions <= 0) return t('progress.heatmap.rest', { date: when });
    return t('progress.heatmap.day', {
      date: when,
      workouts: t('progress.sessions', { count: day.sessions }),
      sets: t('progress.setsCount', { count: day.sets }),
    });
  };
  return (
    <section className="card" aria-labelledby="pg-year-title">
      <h2 id="pg-year-title" className="pg-card-title">
        {t('progress.heatmap.title')}
      </h2>
      <p className="muted pg-small">{t('progress.heatmap.summary', { count: map.trainingDays })}</p>
      {/* Focusable so a keyboard can scroll back through the year on a narrow screen. */}
      <div className="pg-heat-scroll" ref={scroller} role="group" aria-label={t('progress.heatmap.label')} tabIndex={0}>
        <div className="pg-heat" style={{ ['--weeks' as string]: map.weeks.length }}>
          <div className="pg-heat-months" aria-hidden="true">
            {map.months.map((m) => (
              <span key={m.month} style={{ gridColumn: `${m.column + 1} / span 3` }}>
                {monthFmt.format(new Date(`${m.month}-01T00:00:00Z`))}
              </span>
            ))}
          </div>
          <div className="pg-heat-grid">
            {map.weeks.flatMap((week, w) =>
              week.map((cell, d) =>
                cell ? (
                  <span key={cell.date} className={`pg-heat-cell pg-heat-${cell.level}`} role="img" aria-label={describe(cell.date, cell.day)} title={describe(cell.date, cell.day)} />
                ) : (
                  <span key={`future-${w}-${d}`} className="pg-heat-cell pg-heat-future" aria-hidden="true" />
                ),
              ),
            )}
          </div>
        </div>
      </div>
      <p className="pg-heat-legend" aria-hidden="true">
        <span>{t('progress.heatmap.less')}</span>
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} className={`pg-heat-cell pg-heat-${l}`} />
        ))}
        <span>{t('progress.heatmap.more')}</span>
      </p>
    </section>
  );
}
