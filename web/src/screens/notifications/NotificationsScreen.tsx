import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listNotifications, markRead, type Notification, type NotificationList } from '../../api/notifications';
import { notificationKeys } from '../../api/notificationsQueries';
import { useCursorList } from '../../api/queries';
import type { FollowRequest } from '../../api/social';
import { useFollowRequests } from '../../api/socialQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Avatar } from '../../components/Avatar';
import { LoadMore } from '../../components/LoadMore';
import { Person } from '../../components/Person';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { FollowRequestActions } from './FollowRequests';
import { notificationLink, notificationText } from './notificationText';
import '../social/social.css';

function NotificationItem({ n, request, onAnswered }: { n: Notification; request?: FollowRequest; onAnswered: (m: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className={`row notification${n.read ? '' : ' notification-unread'}`}>
      <Avatar name={n.actor.display_name || n.actor.username} size={40} />
      <div className="row-main">
        <Link to={notificationLink(n)} className="notification-link">
          {!n.read && <span className="visually-hidden">{t('notifications.new')}: </span>}
          {notificationText(t, n)}
        </Link>
        {n.note && <p className="notification-note">{t('notifications.note', { note: n.note })}</p>}
        <p className="row-meta">
          <time dateTime={n.at} title={fmt.dateTime(n.at)}>
            {fmt.ago(n.at)}
          </time>
        </p>
        {n.kind === 'follow_request' && request && <FollowRequestActions request={request} onAnswered={onAnswered} />}
      </div>
    </li>
  );
}

/**
 * The member's notifications, newest first, and the requests to follow them. Opening the screen
 * marks what it shows read (the header's badge clears); new ones stay highlighted until left.
 */
export default function NotificationsScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useCursorList(notificationKeys.list, listNotifications);
  const requests = useFollowRequests();
  const [notice, setNotice] = useState<string | null>(null);
  const requestsId = useId();
  const listId = useId();
  const read = useMutation({
    mutationFn: (upTo: string) => markRead(upTo),
    onSuccess: (r) => client.setQueryData(notificationKeys.unread, r),
  });
  const newest = list.data?.pages[0]?.items[0];
  const unread = (list.data?.pages[0] as NotificationList | undefined)?.unread ?? 0;
  const { mutate } = read;
  useEffect(() => {
    if (newest && unread > 0) mutate(newest.id);
  }, [newest, unread, mutate]);
  // A request's buttons sit on its newest notification; requests without one are listed above.
  const pending = new Map(requests.items.map((r) => [r.user.username.toLowerCase(), r]));
  const inline = new Map<string, FollowRequest>();
  for (const n of list.items) {
    const key = n.actor.username.toLowerCase();
    const r = pending.get(key);
    if (n.kind === 'follow_request' && r && ![...inline.values()].includes(r)) inline.set(n.id, r);
  }
  const listed = new Set(inline.values());
  const others = requests.items.filter((r) => !listed.has(r));

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('notifications.empty')}</EmptyState>;
  else
    body = (
      <>
        <ul className="rows notifications">
          {list.items.map((n) => (
            <NotificationItem key={n.id} n={n} request={inline.get(n.id)} onAnswered={setNotice} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );

  return (
    <section className="screen">
      <h1>{t('notifications.title')}</h1>
      {notice && <Alert tone="success">{notice}</Alert>}
      {read.error && <LoadError error={read.error} />}
      {others.length > 0 && (
        <section className="card card-accent" aria-labelledby={requestsId}>
          <h2 id={requestsId}>{t('notifications.requests.title', { count: others.length })}</h2>
          <ul className="rows">
            {others.map((r) => (
              <li key={r.id} className="row">
                <Person person={r.user}>
                  <p className="row-meta">{t('notifications.requests.asks')}</p>
                </Person>
                <FollowRequestActions request={r} onAnswered={setNotice} />
              </li>
            ))}
          </ul>
          <LoadMore list={requests} />
        </section>
      )}
      {requests.isError && <LoadError error={requests.error} onRetry={() => void requests.refetch()} />}
      <section className="card" aria-labelledby={listId}>
        <h2 id={listId} className="visually-hidden">
          {t('notifications.listTitle')}
        </h2>
        {body}
      </section>
    </section>
  );
}
