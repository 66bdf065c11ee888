import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackStatus } from '../../api/feedback';
import { FEEDBACK_STATUSES } from '../../api/feedback';
import { useFeedbackInbox } from '../../api/feedbackQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { FeedbackInboxItem } from './FeedbackInboxItem';
import '../../i18n/admin';
import '../feedback/feedback.css';

/** Ideas and bug reports from members, newest first, by status: new, planned, done. */
export default function AdminFeedback() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FeedbackStatus>('new');
  const [moved, setMoved] = useState<FeedbackStatus | null>(null);
  const list = useFeedbackInbox(status);
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t(`admin.feedback.empty.${status}`)}</EmptyState>;
  else
    body = (
      <>
        <ul className="feedback-list" aria-label={t('admin.feedback.listOf', { status: t(`feedback.status.${status}`) })} aria-busy={list.isFetching || undefined}>
          {list.items.map((f) => (
            <FeedbackInboxItem key={f.id} item={f} onMoved={(s) => setMoved(s === status ? null : s)} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <div className="admin-feedback">
      <Segmented
        label={t('admin.feedback.show')}
        value={status}
        onValue={(s) => {
          setStatus(s);
          setMoved(null);
        }}
        options={FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`feedback.status.${s}`) }))}
      />
      {moved && <Alert tone="success">{t('admin.feedback.moved', { status: t(`feedback.status.${moved}`) })}</Alert>}
      {body}
    </div>
  );
}
