import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Club } from '../../api/clubs';
import { useClub } from '../../api/clubsQueries';
import { isProblem } from '../../api/problem';
import { Alert, LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { isAdmin, useSignedInMe } from '../../lib/useSignedInMe';
import { ClubFeed } from './ClubFeed';
import { ClubMembers } from './ClubMembers';
import { ClubMembership } from './ClubMembership';
import { ClubPending } from './ClubPending';
import { ClubSettings } from './ClubSettings';
import './clubs.css';

/** A club's page: what it is, one's place in it, its feed for members, its people, and its admins' tools. */
export default function ClubScreen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useClub(id);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error) && query.error.status === 404) {
      return (
        <section className="screen">
          <h1>{t('clubs.notFoundTitle')}</h1>
          <Alert tone="info">{t('clubs.notFound')}</Alert>
          <Link to="/clubs">{t('clubs.backToClubs')}</Link>
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <ClubView club={query.data} />;
}

function ClubView({ club }: { club: Club }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  const member = club.role === 'member' || club.role === 'admin';
  const manages = club.role === 'admin' || isAdmin(me);
  return (
    <section className="screen club-screen">
      <Link className="back-link" to="/clubs">
        {t('clubs.backToClubs')}
      </Link>
      {created && <Alert tone="success">{t('clubs.created')}</Alert>}
      <div className="card">
        <h1>{club.name}</h1>
        <p className="status-line">
          <span className="badge badge-muted">{t(`clubs.policy.${club.policy}`)}</span>
          <span className="muted">{t('clubs.members', { count: club.members })}</span>
        </p>
        {club.description && <p className="cat-pre">{club.description}</p>}
        <ClubMembership club={club} />
      </div>
      {member && <ClubFeed clubId={club.id} />}
      {manages && <ClubPending clubId={club.id} />}
      <ClubMembers clubId={club.id} clubName={club.name} manages={manages} />
      {manages && <ClubSettings key={`${club.name}|${club.description}|${club.policy}`} club={club} />}
    </section>
  );
}
