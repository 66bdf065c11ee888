import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCursorList } from '../../api/queries';
import { listWorkouts } from '../../api/training';
import { EmptyState, LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { HistoryTabs } from './HistoryTabs';
import { WorkoutListItem } from './WorkoutListItem';
import { LoadMore } from '../../components/LoadMore';

/** Every workout, newest first, a page at a time. */
export default function HistoryScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const list = useCursorList(['workouts', 'list'], (cursor) => listWorkouts({ cursor, limit: 20 }));
  return (
    <section className="screen">
      <div className="wk-screen-head">
        <h1>{t('history.title')}</h1>
        <Link to="/workouts/new" className="btn btn-secondary btn-small">
          {t('history.logPast')}
        </Link>
      </div>
      <HistoryTabs />
      {list.isPending ? (
        <Loading />
      ) : list.isError && list.items.length === 0 ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState>{t('history.empty')}</EmptyState>
      ) : (
        <>
          <ul className="rows card wk-history">
            {list.items.map((w) => (
              <WorkoutListItem key={w.id} workout={w} units={me.preferences.units} />
            ))}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </section>
  );
}
