import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { usePeople, useRemoveFollower } from '../../api/socialQueries';
import type { UserRef } from '../../api/types';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadMore } from '../../components/LoadMore';
import { Person } from '../../components/Person';
import { Loading } from '../../components/Spinner';
import { problemMessage } from '../../lib/problemText';
import { useSignedInMe } from '../../lib/useSignedInMe';

type List = 'followers' | 'following';

/**
 * Someone's followers or the members they follow, as far as the viewer may see them. On one's
 * own followers list each follower can be removed.
 */
export default function PeopleScreen({ list }: { list: List }) {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const { me } = useSignedInMe();
  const people = usePeople(username, list);
  const removeFollower = useRemoveFollower();
  const [removing, setRemoving] = useState<UserRef | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const own = me.username.toLowerCase() === username.toLowerCase();
  const base = `/u/${encodeURIComponent(username)}`;

  let body;
  if (people.isPending) body = <Loading />;
  else if (people.isError) {
    body =
      isProblem(people.error) && people.error.status === 404 ? (
        <Alert tone="info">{t('publicProfile.notFound', { username })}</Alert>
      ) : (
        <LoadError error={people.error} onRetry={() => void people.refetch()} />
      );
  } else if (people.items.length === 0) {
    body = <EmptyState>{t(list === 'followers' ? (own ? 'people.noFollowersMine' : 'people.noFollowers') : own ? 'people.noFollowingMine' : 'people.noFollowing', { username })}</EmptyState>;
  } else
    body = (
      <>
        <ul className="rows">
          {people.items.map((p) => (
            <li key={p.username} className="row">
              <Person person={p} />
              {own && list === 'followers' && (
                <div className="row-actions">
                  <Button small aria-label={t('people.removeFollowerFor', { username: p.username })} onClick={() => setRemoving(p)}>
                    {t('people.removeFollower')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
        <LoadMore list={people} />
      </>
    );

  return (
    <section className="screen">
      <Link to={base} className="back-link">
        {t('people.backToProfile', { username })}
      </Link>
      <h1>{t(list === 'followers' ? 'people.followersTitle' : 'people.followingTitle', { username })}</h1>
      <nav className="tabs" aria-label={t('people.lists')}>
        <NavLink to={`${base}/followers`} className="tab">
          {t('people.followers')}
        </NavLink>
        <NavLink to={`${base}/following`} className="tab">
          {t('people.followingList')}
        </NavLink>
      </nav>
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="card">{body}</div>
      <ConfirmDialog
        open={removing !== null}
        title={t('people.removeFollowerTitle', { username: removing?.username ?? '' })}
        confirmLabel={t('people.removeFollower')}
        busy={removeFollower.isPending}
        error={removeFollower.error ? problemMessage(t, removeFollower.error) : null}
        onConfirm={() =>
          removing &&
          removeFollower.mutate(removing.username, {
            onSuccess: () => {
              setNotice(t('people.removedFollower', { username: removing.username }));
              setRemoving(null);
            },
          })
        }
        onCancel={() => {
          setRemoving(null);
          removeFollower.reset();
        }}
      >
        <p>{t('people.removeFollowerBody', { username: removing?.username ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
