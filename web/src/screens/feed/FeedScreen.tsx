import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FeedScope } from '../../api/social';
import { useFeed } from '../../api/socialQueries';
import { LoadError } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { FeedCard } from './FeedCard';
import '../social/social.css';

const SCOPE_KEY = 'gymbox.feedScope';

function storedScope(): FeedScope {
  try {
    return localStorage.getItem(SCOPE_KEY) === 'gym' ? 'gym' : 'following';
  } catch {
    return 'following';
  }
}

/** Nothing in the feed yet: what to do about it depends on the scope. */
function EmptyFeed({ scope, onGym }: { scope: FeedScope; onGym: () => void }) {
  const { t } = useTranslation();
  if (scope === 'gym') {
    return (
      <div className="card feed-empty">
        <h2>{t('feed.emptyGymTitle')}</h2>
        <p>{t('feed.emptyGym')}</p>
        <Link to="/workouts/new" className="btn btn-primary">
          {t('feed.logWorkout')}
        </Link>
      </div>
    );
  }
  return (
    <div className="card feed-empty">
      <h2>{t('feed.emptyFollowingTitle')}</h2>
      <p>{t('feed.emptyFollowing')}</p>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onGym}>
          {t('feed.showGym')}
        </button>
        <Link to="/search" className="btn btn-secondary">
          {t('feed.findPeople')}
        </Link>
      </div>
    </div>
  );
}

/** Finished workouts of the people one follows (and one's own), or of the whole gym. */
export default function FeedScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const [scope, setScope] = useState<FeedScope>(storedScope);
  const list = useFeed(scope);
  const choose = (s: FeedScope) => {
    setScope(s);
    try {
      localStorage.setItem(SCOPE_KEY, s);
    } catch {
      // not remembered; fine
    }
  };

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyFeed scope={scope} onGym={() => choose('gym')} />;
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
    <section className="screen">
      <div className="feed-head">
        <h1>{t('feed.title')}</h1>
        <Segmented
          label={t('feed.scope')}
          value={scope}
          onValue={choose}
          options={[
            { value: 'following', label: t('feed.following') },
            { value: 'gym', label: t('feed.gym') },
          ]}
        />
      </div>
      {body}
    </section>
  );
}
