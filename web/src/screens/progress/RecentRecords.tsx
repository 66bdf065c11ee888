import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyRecords } from '../../api/analysisQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { RecordGroupItem } from './RecordGroupItem';
import { groupRecordEvents } from './shape';

/** The newest personal records, each linking to its exercise. */
export function RecentRecords() {
  const { t } = useTranslation();
  const query = useMyRecords();
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.recent.length === 0) body = <EmptyState>{t('progress.records.empty')}</EmptyState>;
  else
    body = (
      <ul className="rows pg-events">
        {groupRecordEvents(query.data.recent).map((g) => (
          <RecordGroupItem key={`${g.workout_id}-${g.exercise_id}-${g.events[0]!.metric}`} group={g} showExercise />
        ))}
      </ul>
    );
  return (
    <section className="card" aria-labelledby="pg-records-title">
      <div className="pg-card-head">
        <h2 id="pg-records-title" className="pg-card-title">
          {t('progress.records.title')}
        </h2>
        {query.data && query.data.items.length > 0 && (
          <Link to="/progress/records" className="pg-head-link">
            {t('progress.records.all')}
          </Link>
        )}
      </div>
      {body}
    </section>
  );
}
