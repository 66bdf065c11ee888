import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../api/moderation';
import { useAudit } from '../../api/moderationQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { personName, useFormat } from '../../lib/format';
import '../../i18n/admin';
import './moderation.css';

/** Every action the server records, each with words in both languages (`admin.audit.action.*`). */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.role',
  'user.disable',
  'user.enable',
  'user.delete',
  'user.password_reset_link',
  'user.totp_off',
  'invite.create',
  'invite.revoke',
  'settings.change',
  'settings.logo',
  'coaching.create',
  'exercises.import',
  'feedback.update',
  'report.dismiss',
  'report.hide',
  'report.warn',
  'report.suspend',
  'result.void',
  'result.restore',
] as const;

/** The words for an action ("created the account of"), or its raw name when this app does not know it. */
export function actionText(t: ReturnType<typeof useTranslation>['t'], action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`admin.audit.action.${action.replace('.', '_')}`) : action;
}

function AuditItem({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actor = e.actor ? (
    <Link to={`/u/${encodeURIComponent(e.actor.username)}`}>{personName(e.actor)}</Link>
  ) : e.via_cli ? (
    t('admin.audit.operator')
  ) : (
    t('admin.reports.deletedAccount')
  );
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          {actor} {actionText(t, e.action)}
          {e.subject && (
            <>
              {' '}
              <Link to={`/u/${encodeURIComponent(e.subject.username)}`}>{personName(e.subject)}</Link>
            </>
          )}
        </p>
        <p className="row-meta">
          <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
          {e.via_cli && <span className="badge badge-muted audit-cli">{t('admin.audit.viaCli')}</span>}
        </p>
        {e.note && <p className="audit-note">{t('admin.reports.noteShown', { note: e.note })}</p>}
      </div>
    </li>
  );
}

/** What administrators did, newest first: who (or the command line), when, to whom, and the note. */
export default function AdminAudit() {
  const { t } = useTranslation();
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
            <AuditItem key={e.id} e={e} />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </div>
  );
}
