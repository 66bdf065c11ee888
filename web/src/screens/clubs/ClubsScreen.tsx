import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClubs } from '../../api/clubsQueries';
import { useInstance, useMe } from '../../api/queries';
import { isCoach } from '../exercises/vocab';
import { EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { ClubRow } from './ClubRow';
import { CreateClubForm } from './CreateClubForm';
import './clubs.css';

/** One list of clubs in a card: the viewer's own, or every club they may see. */
function ClubList({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useClubs(mine);
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t(mine ? 'clubs.noneMine' : 'clubs.none')}</EmptyState>;
  else
    body = (
      <>
        <ul className="rows" aria-labelledby={headingId}>
          {list.items.map((c) => (
            <ClubRow key={c.id} club={c} />
          ))}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(mine ? 'clubs.mine' : 'clubs.all')}</h2>
      {body}
    </section>
  );
}

/** The clubs one is in (with requests and invitations), every club one may join, and a new club. */
export default function ClubsScreen() {
  const { t } = useTranslation();
  const me = useMe().data?.me;
  const instance = useInstance().data;
  // Coaches and administrators create clubs; members too when the gym allows it.
  const mayCreate = Boolean(me && (isCoach(me.role) || instance?.member_clubs));
  return (
    <section className="screen">
      <h1>{t('clubs.title')}</h1>
      <p className="muted">{t('clubs.intro')}</p>
      {mayCreate ? <CreateClubForm /> : me && instance && <p className="muted">{t('clubs.create.forbidden')}</p>}
      <ClubList mine />
      <ClubList mine={false} />
    </section>
  );
}
