import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listWorkouts } from '../../api/training';
import type { Workout } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { HistoryTabs } from './HistoryTabs';
import { localDate } from './text';
import { WorkoutListItem } from './WorkoutListItem';

const pad = (n: number) => String(n).padStart(2, '0');

/** The days of a month laid out in weeks (null = a day of the neighbouring month). */
export function monthGrid(year: number, month: number, weekStart: 'monday' | 'sunday'): (number | null)[] {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const offset = weekStart === 'monday' ? (first + 6) % 7 : first;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (number | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d++) cells.push(d);
  while (cells.length % 7 !== 0) cells.push(null);
  return cells;
}

async function monthWorkouts(from: string, to: string): Promise<Workout[]> {
  const all: Workout[] = [];
  let cursor: string | undefined;
  do {
    const page = await listWorkouts({ from, to, cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && all.length < 1000);
  return all;
}

/** A month with the days you trained marked; tap a day to see its workouts. */
export default function CalendarScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const tz = me.preferences.timezone;
  const [params, setParams] = useSearchParams();
  const today = localDate(tz);
  const ym = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : today.slice(0, 7);
  const [year, month] = [Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1];
  const selected = params.get('day');
  // A day's workouts by the local date they started on; the query spans a day either side.
  const from = new Date(Date.UTC(year, month, 0)).toISOString();
  const to = new Date(Date.UTC(year, month + 1, 2)).toISOString();
  const query = useQuery({ queryKey: ['workouts', 'month', ym], queryFn: () => monthWorkouts(from, to) });
  const byDay = new Map<string, Workout[]>();
  for (const w of query.data ?? []) {
    const day = localDate(tz, new Date(w.started_at));
    byDay.set(day, [...(byDay.get(day) ?? []), w]);
  }
  const go = (by: number) => {
    const d = new Date(Date.UTC(year, month + by, 1));
    setParams({ month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` });
  };
  const weekStart = me.preferences.week_start;
  const weekdays = Array.from({ length: 7 }, (_, i) => {
    // 2024-01-01 was a Monday.
    const d = new Date(Date.UTC(2024, 0, (weekStart === 'monday' ? 1 : 7) + i));
    return {
      short: new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(d),
      long: new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(d),
    };
  });
  const title = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));
  const dayLabel = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  const daysTrained = [...byDay.keys()].filter((d) => d.startsWith(ym)).length;
  const selectedWorkouts = selected ? (byDay.get(selected) ?? []) : [];
  return (
    <section className="screen">
      <h1>{t('history.title')}</h1>
      <HistoryTabs />
      <div className="wk-cal-head">
        <Button small aria-label={t('history.prevMonth')} onClick={() => go(-1)}>
          ‹
        </Button>
        <h2 aria-live="polite">{title}</h2>
        <Button small aria-label={t('history.nextMonth')} onClick={() => go(1)}>
          ›
        </Button>
      </div>
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <p className="muted">{query.isPending ? t('common.loading') : t('history.daysTrained', { count: daysTrained })}</p>
          <table className="wk-cal" aria-label={title}>
            <thead>
              <tr>
                {weekdays.map((w) => (
                  <th key={w.long} scope="col" abbr={w.long}>
                    {w.short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chunk(monthGrid(year, month, weekStart), 7).map((week, wi) => (
                <tr key={wi}>
                  {week.map((d, di) => {
                    if (d === null) return <td key={di} />;
                    const iso = `${ym}-${pad(d)}`;
                    const count = byDay.get(iso)?.length ?? 0;
                    return (
                      <td key={di}>
                        <button
                          type="button"
                          className={`wk-cal-day${count ? ' wk-cal-has' : ''}${iso === today ? ' wk-cal-today' : ''}${iso === selected ? ' wk-cal-selected' : ''}`}
                          aria-pressed={iso === selected}
                          aria-label={count ? t('history.dayWorkouts', { date: dayLabel(iso), count }) : dayLabel(iso)}
                          onClick={() => setParams({ month: ym, day: iso })}
                        >
                          <span>{d}</span>
                          {count > 0 && <span className="wk-cal-dot" aria-hidden="true" />}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {query.isPending && <Loading />}
        </>
      )}
      {selected && (
        <div className="wk-cal-dayview">
          <h2>{dayLabel(selected)}</h2>
          {selectedWorkouts.length === 0 ? (
            <EmptyState>{t('history.noWorkoutsDay')}</EmptyState>
          ) : (
            <ul className="rows card wk-history">
              {selectedWorkouts.map((w) => (
                <WorkoutListItem key={w.id} workout={w} units={me.preferences.units} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
