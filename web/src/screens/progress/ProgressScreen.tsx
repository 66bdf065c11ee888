import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { StatsPeriod } from '../../api/analysis';
import { useMyStats } from '../../api/analysisQueries';
import { LoadError } from '../../components/Alert';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { localDate } from '../plans/dates';
import { LoadCard } from './LoadCard';
import { MuscleBalance } from './MuscleBalance';
import { PeriodGlance } from './PeriodGlance';
import { RecentRecords } from './RecentRecords';
import { StartTraining } from './StartTraining';
import { monthStartBefore } from './shape';
import { VolumeCard } from './VolumeCard';
import { YearHeatmap } from './YearHeatmap';
import './progress.css';

/**
 * What a member's training adds up to: this week against the weekly target, the streak,
 * volume over time, muscles worked, a year of training days, training load and new records.
 */
export default function ProgressScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const [params, setParams] = useSearchParams();
  const period: StatsPeriod = params.get('period') === 'month' ? 'month' : 'week';
  const today = localDate(me.preferences.timezone);
  // The weeks answer "this week" and the streak; the months (from the start of the month a
  // year ago) give the monthly view and every training day of the last year for the heatmap.
  const weeks = useMyStats('week');
  const year = useMyStats('month', { from: monthStartBefore(today, 12), to: today });
  const shown = period === 'week' ? weeks : year;

  let body;
  if (weeks.isPending || year.isPending) body = <Loading />;
  else if (weeks.isError) body = <LoadError error={weeks.error} onRetry={() => void weeks.refetch()} />;
  else if (year.isError) body = <LoadError error={year.error} onRetry={() => void year.refetch()} />;
  else {
    const nothingYet = year.data.days.length === 0 && weeks.data.totals.sessions === 0;
    const stats = shown.data!;
    body = (
      <>
        <PeriodGlance stats={stats} streak={weeks.data.streak} weeklyTarget={weeks.data.weekly_target} />
        {nothingYet ? (
          <StartTraining />
        ) : (
          <>
            <VolumeCard stats={stats} />
            <MuscleBalance stats={stats} />
            <YearHeatmap days={year.data.days} today={today} />
            <LoadCard />
            <RecentRecords />
          </>
        )}
      </>
    );
  }
  return (
    <section className="screen pg">
      <div className="pg-head">
        <h1>{t('progress.title')}</h1>
        <Segmented
          label={t('progress.period')}
          value={period}
          onValue={(p) => setParams(p === 'week' ? {} : { period: p }, { replace: true })}
          options={[
            { value: 'week', label: t('progress.week') },
            { value: 'month', label: t('progress.month') },
          ]}
        />
      </div>
      {body}
    </section>
  );
}
