import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../api/problem';
import { keys, useCursorList, useMe } from '../api/queries';
import { useRelationship } from '../api/socialQueries';
import { listUserWorkouts } from '../api/training';
import { getPublicUser } from '../api/users';
import { Alert, EmptyState, LoadError } from '../components/Alert';
import { Avatar } from '../components/Avatar';
import { LoadMore } from '../components/LoadMore';
import { Loading } from '../components/Spinner';
import { useFormat } from '../lib/format';
import type { Units } from '../lib/units';
import { UserAchievementsCard } from './achievements/AchievementsCard';
import { ReportButton } from './moderation/ReportButton';
import { RelationshipBar } from './people/Relationship';
import { UserStatsCard } from './progress/UserStatsCard';
import { WorkoutListItem } from './workouts/WorkoutListItem';

const isNotFound = (e: unknown) => isProblem(e, 'not_found') || (isProblem(e) && e.status === 404);

/** The workouts of `username` the viewer may see, newest first (all of them for their coach). */
const useUserWorkouts = (username: string) => useCursorList(['users', username.toLowerCase(), 'workouts'], (cursor) => listUserWorkouts(username, cursor));

function UserWorkouts({ username, units, note }: { username: string; units: Units; note?: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useUserWorkouts(username);
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('publicProfile.noWorkouts')}</EmptyState>;
  else
    body = (
      <>
        <ul className="rows">
          {list.items.map((w) => (
            <WorkoutListItem key={w.id} workout={w} units={units} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('publicProfile.workouts')}</h2>
      {note && <p className="muted">{note}</p>}
      {body}
    </section>
  );
}

/**
 * A profile hidden from the viewer. To their coach it still shows the member's workouts; to
 * anyone the server tells how they are tied (a profile shared with approved followers only), it
 * offers to ask to follow, or to unblock.
 */
function HiddenProfile({ username, units }: { username: string; units: Units }) {
  const { t } = useTranslation();
  // The same query the list below uses: its first page answers whether the viewer coaches them.
  const probe = useUserWorkouts(username);
  const ties = useRelationship(username);
  if (probe.isPending || ties.isPending) return <Loading />;
  if (probe.isError && !isNotFound(probe.error)) return <LoadError error={probe.error} onRetry={() => void probe.refetch()} />;
  if (probe.isError && !ties.data) {
    return (
      <section className="screen">
        <h1>{t('publicProfile.notFoundTitle')}</h1>
        <Alert tone="info">{t('publicProfile.notFound', { username })}</Alert>
      </section>
    );
  }
  if (probe.isError && ties.data?.blocked) {
    return (
      <section className="screen">
        <h1>@{username}</h1>
        <RelationshipBar username={username} hidden />
      </section>
    );
  }
  if (probe.isError && ties.data) {
    return (
      <section className="screen">
        <h1>{t('publicProfile.notFoundTitle')}</h1>
        <Alert tone="info">{t('publicProfile.notFound', { username })}</Alert>
        <div className="card">
          <p>{t(ties.data.following === 'following' ? 'people.privateProfile' : 'people.followersOnlyProfile', { username })}</p>
          <RelationshipBar username={username} hidden />
        </div>
      </section>
    );
  }
  return (
    <section className="screen">
      <h1>@{username}</h1>
      {ties.data && <RelationshipBar username={username} hidden />}
      <UserStatsCard username={username} />
      <UserWorkouts username={username} units={units} note={t('publicProfile.coachView', { username })} />
    </section>
  );
}

/** Someone's profile, as much of it as they let the viewer see. */
export default function PublicProfileScreen() {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const { data: viewer } = useMe();
  const format = useFormat();
  const query = useQuery({ queryKey: keys.user(username), queryFn: () => getPublicUser(username) });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isNotFound(query.error) && viewer) return <HiddenProfile username={username} units={viewer.me.preferences.units} />;
    if (isNotFound(query.error)) {
      return (
        <section className="screen">
          <h1>{t('publicProfile.notFoundTitle')}</h1>
          <Alert tone="info">{t('publicProfile.notFound', { username })}</Alert>
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const user = query.data;
  const name = user.display_name || user.username;
  const isMe = viewer?.me.username.toLowerCase() === user.username.toLowerCase();
  return (
    <section className="screen">
      <div className="card profile-card">
        <Avatar name={name} url={user.avatar_url} size={96} />
        <h1>{name}</h1>
        <p className="muted">@{user.username}</p>
        {user.role !== 'member' && <span className={`badge badge-${user.role}`}>{t(`roles.${user.role}`)}</span>}
        {user.bio ? <p className="bio">{user.bio}</p> : <p className="muted">{t('publicProfile.noBio')}</p>}
        <p className="muted">{t('publicProfile.joined', { date: format.date(user.created_at) })}</p>
        {viewer && <RelationshipBar username={user.username} isMe={isMe} />}
        {isMe && (
          <Link to="/profile" className="btn btn-secondary">
            {t('publicProfile.edit')}
          </Link>
        )}
        {viewer && !isMe && <ReportButton kind="user" id={user.username} label={`@${user.username}`} />}
      </div>
      <UserStatsCard username={user.username} />
      {viewer && <UserAchievementsCard username={user.username} units={viewer.me.preferences.units} />}
      <UserWorkouts username={user.username} units={viewer?.me.preferences.units ?? 'metric'} />
    </section>
  );
}
