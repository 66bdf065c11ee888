import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClubFeed } from '../../api/clubsQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { FeedCard } from '../feed/FeedCard';
import '../social/social.css';

/** The finished workouts of a club's members, newest first, as cards like the main feed's. */
export function ClubFeed({ clubId }: { clubId: string }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const headingId = useId();
  const list = useClubFeed(clubId);
  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('clubs.feed.empty')}</EmptyState>;
  else
    body = (
      <>
        <div className="feed">
          {list.items.map((item) => (
            <FeedCard key={item.id} item={item} units={me.preferences.units} mine={item.author.username.toLowerCase() === me.username.toLowerCase()} />
          ))}
        </div>
        <LoadMore list={list} />
      </>
    );
  return (
    <section className="club-feed" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('clubs.feed.title')}</h2>
      {body}
    </section>
  );
}
