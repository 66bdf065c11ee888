import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../api/moderation';
import { useReports } from '../../api/moderationQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { ReportItem } from './ReportItem';
import './moderation.css';

/** The moderation queue, oldest first, and the reports already resolved, newest first. */
export default function AdminReports() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReportStatus>('open');
  const [done, setDone] = useState<string | null>(null);
  const list = useReports(status);
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t(status === 'open' ? 'admin.reports.emptyOpen' : 'admin.reports.emptyResolved')}</EmptyState>;
  else
    body = (
      <>
        <ul className="report-list" aria-label={t(status === 'open' ? 'admin.reports.openList' : 'admin.reports.resolvedList')} aria-busy={list.isFetching || undefined}>
          {list.items.map((r) => (
            <ReportItem key={r.id} report={r} onResolved={(report, action) => setDone(t(`admin.reports.done.${action}`, { excerpt: report.excerpt }))} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <div className="admin-reports">
      <Segmented
        label={t('admin.reports.show')}
        value={status}
        onValue={(s) => {
          setStatus(s);
          setDone(null);
        }}
        options={[
          { value: 'open', label: t('admin.reports.statusOpen') },
          { value: 'resolved', label: t('admin.reports.statusResolved') },
        ]}
      />
      {done && <Alert tone="success">{done}</Alert>}
      {body}
    </div>
  );
}
