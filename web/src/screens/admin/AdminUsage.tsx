import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Usage } from '../../api/gym';
import { useUsage } from '../../api/gymQueries';
import { Alert, LoadError } from '../../components/Alert';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { formatNumber } from '../../lib/units';
import { UsageChart } from './UsageChart';
import { calendarFormat, heatLevel, retentionMonths, share, totals } from './usageShape';
import '../../i18n/admin';
import './usage.css';

export const RANGES = [7, 30, 90, 365] as const;
type Range = (typeof RANGES)[number];

/** Every feature the server counts, with words in both languages (`admin.usage.feature.*`). */
export const FEATURES = ['sign_in', 'workout', 'set', 'plan', 'assignment', 'body_metric', 'follow', 'kudos', 'comment', 'club_join', 'challenge_join', 'feedback'];

function Totals({ usage }: { usage: Usage }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sums = totals(usage);
  const tiles: [string, string][] = [
    [t('admin.usage.members'), formatNumber(usage.members, lang, 0)],
    [t('admin.usage.newMembers'), formatNumber(sums.newMembers, lang, 0)],
    [t('admin.usage.activePerDay'), formatNumber(sums.activePerDay, lang, 1)],
    [t('admin.usage.activeLastWeek'), formatNumber(sums.activeLastWeek, lang, 0)],
    [t('admin.usage.workouts'), formatNumber(sums.workouts, lang, 0)],
    [t('admin.usage.sets'), formatNumber(sums.sets, lang, 0)],
  ];
  return (
    <dl className="usage-tiles">
      {tiles.map(([label, value]) => (
        <div key={label} className="usage-tile">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Features({ usage }: { usage: Usage }) {
  const { t, i18n } = useTranslation();
  const rows = [...usage.features].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="card" aria-labelledby="usage-features">
      <h3 id="usage-features">{t('admin.usage.featuresTitle')}</h3>
      <p className="muted">{t('admin.usage.featuresIntro')}</p>
      <table className="usage-features">
        <thead>
          <tr>
            <th scope="col">{t('admin.usage.feature')}</th>
            <th scope="col">{t('admin.usage.uses')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.feature}>
              <th scope="row">{FEATURES.includes(r.feature) ? t(`admin.usage.features.${r.feature}`) : r.feature}</th>
              <td>
                <span className="usage-bar" style={{ width: `${(r.count / max) * 100}%` }} aria-hidden="true" />
                <span className="usage-count">{formatNumber(r.count, i18n.language, 0)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Retention({ usage }: { usage: Usage }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Months nobody joined in have no one to follow.
  const cohorts = usage.retention.filter((r) => r.members > 0);
  const months = retentionMonths(usage);
  const month = calendarFormat(lang, { month: 'short', year: 'numeric' });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section className="card" aria-labelledby="usage-retention">
      <h3 id="usage-retention">{t('admin.usage.retentionTitle')}</h3>
      <p className="muted">{t('admin.usage.retentionIntro')}</p>
      {cohorts.length === 0 ? (
        <p className="muted">{t('admin.usage.noCohorts')}</p>
      ) : (
        <div className="usage-scroll" tabIndex={0} role="group" aria-labelledby="usage-retention">
          <table className="usage-retention">
            <thead>
              <tr>
                <th scope="col">{t('admin.usage.cohort')}</th>
                <th scope="col">{t('admin.usage.cohortMembers')}</th>
                {Array.from({ length: months }, (_, m) => (
                  <th scope="col" key={m}>
                    {t('admin.usage.monthN', { n: m })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((r) => (
                <tr key={r.cohort}>
                  <th scope="row">{month(r.cohort)}</th>
                  <td>{formatNumber(r.members, lang, 0)}</td>
                  {Array.from({ length: months }, (_, m) => {
                    const active = r.active[m];
                    if (active === undefined) return <td key={m} className="heat-none" />;
                    const s = share(active, r.members);
                    return (
                      <td key={m} className={`heat heat-${heatLevel(s)}`} title={t('admin.usage.cellTitle', { active: formatNumber(active, lang, 0), members: formatNumber(r.members, lang, 0) })}>
                        {percent.format(s)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** How the gym is used, in totals only: who is active, training, joining, and staying. */
export default function AdminUsage() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<Range>(30);
  const usage = useUsage(days);
  const data = usage.data;
  const dates = useMemo(() => data?.days.map((d) => d.date) ?? [], [data]);
  const column = useMemo(() => {
    const pick = (f: (d: Usage['days'][number]) => number) => data?.days.map(f) ?? [];
    return {
      active: pick((d) => d.active_members),
      workouts: pick((d) => d.workouts),
      sets: pick((d) => d.sets),
      joined: pick((d) => d.new_members),
      weeks: data?.weeks.map((w) => w.active_members) ?? [],
      weekDates: data?.weeks.map((w) => w.week_start) ?? [],
    };
  }, [data]);
  const day = calendarFormat(i18n.language, { dateStyle: 'medium' });
  let body;
  if (usage.isPending) body = <Loading />;
  else if (usage.isError && !data) body = <LoadError error={usage.error} onRetry={() => void usage.refetch()} />;
  else if (data)
    body = (
      <div className="stack" aria-busy={usage.isFetching || undefined}>
        {usage.isError && <LoadError error={usage.error} onRetry={() => void usage.refetch()} />}
        <p className="usage-range">{t('admin.usage.range', { from: day(data.from), to: day(data.to) })}</p>
        <Totals usage={data} />
        <UsageChart id="usage-active" title={t('admin.usage.activeDaily')} dates={dates} values={column.active} kind="line" mode="time" />
        <UsageChart id="usage-weekly" title={t('admin.usage.activeWeekly')} dates={column.weekDates} values={column.weeks} kind="bars" mode="category" />
        <UsageChart id="usage-workouts" title={t('admin.usage.workoutsDaily')} dates={dates} values={column.workouts} kind="bars" mode="time" color="--chart-2" />
        <UsageChart id="usage-sets" title={t('admin.usage.setsDaily')} dates={dates} values={column.sets} kind="bars" mode="time" color="--chart-2" />
        <UsageChart id="usage-joined" title={t('admin.usage.joinedDaily')} dates={dates} values={column.joined} kind="bars" mode="time" color="--chart-3" />
        <Features usage={data} />
        <Retention usage={data} />
      </div>
    );
  return (
    <div className="admin-usage">
      <Alert tone="info">{t('admin.usage.aggregateOnly')}</Alert>
      <Segmented
        label={t('admin.usage.rangeLabel')}
        value={String(days) as `${Range}`}
        onValue={(v) => setDays(Number(v) as Range)}
        options={RANGES.map((n) => ({ value: String(n) as `${Range}`, label: t('admin.usage.days', { count: n }) }))}
      />
      {body}
    </div>
  );
}
