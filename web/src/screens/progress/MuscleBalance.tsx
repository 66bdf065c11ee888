import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stats } from '../../api/analysis';
import { EmptyState } from '../../components/Alert';
import { Segmented } from '../../components/Segmented';
import { formatNumber } from '../../lib/units';
import { muscleBars } from './shape';

type View = 'current' | 'recent';

/** Working sets per muscle in this week (month) or the last few, as horizontal bars. */
export function MuscleBalance({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('current');
  const isWeek = stats.period === 'week';
  const span = view === 'current' ? 1 : isWeek ? 4 : 3;
  const bars = useMemo(() => muscleBars(stats.buckets, span), [stats.buckets, span]);
  return (
    <section className="card" aria-labelledby="pg-muscles-title">
      <div className="pg-card-head">
        <h2 id="pg-muscles-title" className="pg-card-title">
          {t('progress.muscles.title')}
        </h2>
        <Segmented
          label={t('progress.muscles.window')}
          value={view}
          onValue={setView}
          options={[
            { value: 'current', label: t(isWeek ? 'progress.muscles.thisWeek' : 'progress.muscles.thisMonth') },
            { value: 'recent', label: t(isWeek ? 'progress.muscles.fourWeeks' : 'progress.muscles.threeMonths') },
          ]}
        />
      </div>
      <p className="muted pg-small">{t('progress.muscles.hint')}</p>
      {bars.length === 0 ? (
        <EmptyState>{t('progress.muscles.empty')}</EmptyState>
      ) : (
        <ul className="pg-bars">
          {bars.map((b) => (
            <li key={b.muscle}>
              <span className="pg-bar-name">{t(`muscles.${b.muscle}`, { defaultValue: b.muscle.replace(/_/g, ' ') })}</span>
              <span className="pg-bar-track" aria-hidden="true">
                <span className="pg-bar-fill" style={{ width: `${Math.max(2, b.fraction * 100)}%` }} />
              </span>
              <span className="pg-bar-value">{t('progress.muscles.sets', { count: b.sets, value: formatNumber(b.sets, i18n.language) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
