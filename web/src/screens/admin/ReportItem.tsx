import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModerationAction, Report } from '../../api/moderation';
import { personName, useFormat } from '../../lib/format';
import { ResolveForm } from './ResolveForm';

/** Where the reported thing is: a member's profile, a workout's or a plan's page, a comment on one of them. */
function itemPath(r: Report): string | null {
  if (r.kind === 'user') return `/u/${encodeURIComponent(r.target_id)}`;
  if (r.kind === 'workout') return `/workouts/${r.target_id}`;
  if (r.kind === 'plan') return `/plans/${r.target_id}`;
  if (r.context_kind && r.context_id) return `/${r.context_kind === 'plan' ? 'plans' : 'workouts'}/${r.context_id}#comment-${r.target_id}`;
  return null;
}

const profile = (u: { username: string }) => `/u/${encodeURIComponent(u.username)}`;

/** One report in the queue: what, whose, why and by whom; resolved, how; open, the form to answer it. */
export function ReportItem({ report: r, onResolved }: { report: Report; onResolved: (r: Report, action: ModerationAction) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const path = itemPath(r);
  const what = t(`admin.reports.kind.${r.kind}`);
  return (
    <li className="card report-item">
      <h2 className="report-title">
        {path ? (
          <Link to={path}>{r.kind === 'comment' ? what : t('admin.reports.item', { what, excerpt: r.excerpt || t('logger.untitled') })}</Link>
        ) : (
          what
        )}
      </h2>
      {r.kind === 'comment' && <blockquote className="report-excerpt">{r.excerpt}</blockquote>}
      <dl className="report-facts">
        <div>
          <dt>{t('admin.reports.reason')}</dt>
          <dd>
            <span className="badge badge-danger">{t(`moderation.reason.${r.reason}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('admin.reports.owner')}</dt>
          <dd>{r.owner ? <Link to={profile(r.owner)}>{personName(r.owner)}</Link> : t('admin.reports.deletedAccount')}</dd>
        </div>
        <div>
          <dt>{t('admin.reports.reporter')}</dt>
          <dd>
            {r.reporter ? <Link to={profile(r.reporter)}>{personName(r.reporter)}</Link> : t('admin.reports.deletedAccount')}
            {' · '}
            <time dateTime={r.created_at}>{fmt.dateTime(r.created_at)}</time>
          </dd>
        </div>
        {r.details && (
          <div>
            <dt>{t('admin.reports.details')}</dt>
            <dd className="report-details">{r.details}</dd>
          </div>
        )}
      </dl>
      {r.resolution ? (
        <p className="report-resolution">
          {t(`admin.reports.resolved.${r.resolution.action}`, {
            name: r.resolution.by ? personName(r.resolution.by) : t('admin.reports.deletedAccount'),
            date: fmt.dateTime(r.resolution.at),
          })}
          {r.resolution.note && <span className="report-note">{t('admin.reports.noteShown', { note: r.resolution.note })}</span>}
        </p>
      ) : (
        <ResolveForm report={r} onResolved={(action) => onResolved(r, action)} />
      )}
    </li>
  );
}
