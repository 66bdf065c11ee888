import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocks } from '../../api/socialQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Person } from '../../components/Person';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { UnblockButton } from '../people/UnblockButton';

/** The members the viewer blocked, each with a way to unblock them. */
export default function BlockedSettings() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const blocks = useBlocks();
  const [notice, setNotice] = useState<string | null>(null);
  let body;
  if (blocks.isPending) body = <Loading />;
  else if (blocks.isError) body = <LoadError error={blocks.error} onRetry={() => void blocks.refetch()} />;
  else if (blocks.data.items.length === 0) body = <EmptyState>{t('settings.blocked.empty')}</EmptyState>;
  else
    body = (
      <ul className="rows">
        {blocks.data.items.map((b) => (
          <li key={b.user.username} className="row">
            <Person person={b.user}>
              <p className="row-meta">{t('settings.blocked.since', { date: fmt.date(b.since) })}</p>
            </Person>
            <div className="row-actions">
              <UnblockButton username={b.user.username} onDone={() => setNotice(t('settings.blocked.unblocked', { username: b.user.username }))} />
            </div>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="card">
      <h2>{t('settings.blocked.title')}</h2>
      <p className="muted">{t('settings.blocked.intro')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {body}
    </div>
  );
}
