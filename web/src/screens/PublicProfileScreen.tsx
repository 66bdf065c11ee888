import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../api/problem';
import { keys, useMe } from '../api/queries';
import { getPublicUser } from '../api/users';
import { Alert, LoadError } from '../components/Alert';
import { Avatar } from '../components/Avatar';
import { Loading } from '../components/Spinner';
import { useFormat } from '../lib/format';

/** Someone's profile, as much of it as they let the viewer see. */
export default function PublicProfileScreen() {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const { data: viewer } = useMe();
  const format = useFormat();
  const query = useQuery({ queryKey: keys.user(username), queryFn: () => getPublicUser(username) });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error, 'not_found') || (isProblem(query.error) && query.error.status === 404)) {
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
        {isMe && (
          <Link to="/profile" className="btn btn-secondary">
            {t('publicProfile.edit')}
          </Link>
        )}
      </div>
    </section>
  );
}
