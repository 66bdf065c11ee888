import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAudit } from '../../api/moderationQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { personName, useFormat } from '../../lib/format';
import './moderation.css';

const KNOWN = [
  'report.dismiss',
  'report.hide',
  'report.warn',
  'report.suspend',
  'result.void',
  'result.restore',
];

/** What administrators did, newest first: who, when, to whom, and the note they wrote. */
export default function AdminAudit() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useAudit();
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="card">
      <h2>{t('admin.audit.title')}</h2>
      {list.items.length === 0 ? (
        <EmptyState>{t('admin.audit.empty')}</EmptyState>
      ) : (
        <ul className="rows audit-list">
          {list.items.map((e) => (
            <li className="row" key={e.id}>
              <div className="row-main">
                <p className="row-title">
                  {e.actor ? <Link to={`/u/${encodeURIComponent(e.actor.username)}`}>{personName(e.actor)}</Link> : t('admin.reports.deletedAccount')}{' '}
                  {KNOWN.includes(e.action) ? t(`admin.audit.action.${e.action.replace('.', '_')}`) : e.action}
                  {e.subject && (
                    <>
                      {' '}
                      <Link to={`/u/${encodeURIComponent(e.subject.username)}`}>{personName(e.subject)}</Link>
                    </>
                  )}
                </p>
                <p className="row-meta">
                  <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                </p>
                {e.note && <p className="audit-note">{t('admin.reports.noteShown', { note: e.note })}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </div>
  );
}
