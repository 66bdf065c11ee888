import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listSessions, revokeSession } from '../../api/me';
import { keys, useCursorList } from '../../api/queries';
import type { Session } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { useSignOut } from '../../lib/useSignOut';
import { describeDevice } from './describeDevice';
import { LoadMore } from '../../components/LoadMore';

function SessionRow({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const signOut = useSignOut();
  const revoke = useMutation({
    mutationFn: () => revokeSession(session.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.sessions }),
  });
  const device = describeDevice(session.user_agent);
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          {device.browser && device.os
            ? t('settings.sessions.device', device)
            : device.browser || t('settings.sessions.unknownDevice')}
          {session.current && <span className="badge badge-accent">{t('settings.sessions.current')}</span>}
        </p>
        <p className="row-meta">
          {session.ip && <span>{t('settings.sessions.ip', { ip: session.ip })}</span>}
          <span>{t('settings.sessions.lastSeen', { date: format.dateTime(session.last_seen_at) })}</span>
          <span>{t('settings.sessions.started', { date: format.dateTime(session.created_at) })}</span>
        </p>
        {revoke.error && (
          <p className="field-error" role="alert">
            {problemMessage(t, revoke.error)}
          </p>
        )}
      </div>
      {session.current ? (
        <Button small busy={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('nav.signOut')}
        </Button>
      ) : (
        <Button small variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate()}>
          {t('settings.sessions.revoke')}
        </Button>
      )}
    </li>
  );
}

/** Devices signed in to this account, with a way to sign any of them out. */
export default function SessionsSettings() {
  const { t } = useTranslation();
  const list = useCursorList(keys.sessions, listSessions);
  return (
    <div className="card">
      <h2>{t('settings.sessions.title')}</h2>
      <p className="muted">{t('settings.sessions.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState>{t('settings.sessions.empty')}</EmptyState>
      ) : (
        <ul className="rows">
          {list.items.map((s) => (
            <SessionRow key={s.id} session={s} />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </div>
  );
}
