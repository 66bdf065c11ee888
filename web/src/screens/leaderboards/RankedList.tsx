import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyPlace, Place } from '../../api/gamification';
import { Avatar } from '../../components/Avatar';
import { personName } from '../../lib/format';
import { useSignedInMe } from '../../lib/useSignedInMe';

interface RankedListProps {
  entries: Place[];
  me?: MyPlace | null;
  /** The value in its unit, as shown. */
  format: (value: number) => string;
  /** Said when nobody is listed. */
  empty: string;
  /** An action beside an entry (administrators void results). */
  action?: (entry: Place) => ReactNode;
  label: string;
}

function PlaceRow({ rank, name, href, value, mine, action }: { rank: number; name: string; href?: string; value: string; mine: boolean; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className={`gm-place${mine ? ' gm-place-me' : ''}${rank <= 3 ? ` gm-top-${rank}` : ''}`} aria-current={mine ? 'true' : undefined}>
      <span className="gm-rank">
        <span className="visually-hidden">{t('leaderboards.placeLabel')} </span>
        {rank}
      </span>
      <Avatar name={name} size={32} />
      <span className="gm-place-name">
        {href ? <Link to={href}>{name}</Link> : name}
        {mine && <span className="badge badge-accent">{t('leaderboards.you')}</span>}
      </span>
      <span className="gm-place-value">{value}</span>
      {action}
    </li>
  );
}

/**
 * Places in order, the viewer's own highlighted; when the viewer is listed below the top shown,
 * their place is pinned under it.
 */
export function RankedList({ entries, me, format, empty, action, label }: RankedListProps) {
  const { t } = useTranslation();
  const { me: viewer } = useSignedInMe();
  const isMe = (username: string) => username.toLowerCase() === viewer.username.toLowerCase();
  const shown = entries.some((e) => isMe(e.user.username));
  return (
    <>
      {entries.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ol className="gm-places" aria-label={label}>
          {entries.map((e) => (
            <PlaceRow
              key={`${e.rank}-${e.user.username}`}
              rank={e.rank}
              name={personName(e.user)}
              href={`/u/${encodeURIComponent(e.user.username)}`}
              value={format(e.value)}
              mine={isMe(e.user.username)}
              action={action?.(e)}
            />
          ))}
        </ol>
      )}
      {me?.rank != null && !shown && (
        <div className="gm-pinned">
          <p className="gm-pinned-title">{t('leaderboards.yourPlace')}</p>
          <ol className="gm-places" aria-label={t('leaderboards.yourPlace')}>
            <PlaceRow rank={me.rank} name={personName(viewer)} value={format(me.value)} mine />
          </ol>
        </div>
      )}
    </>
  );
}

/** Said to a member whose result others do not see: what it is and how to be shown. */
export function NotListedHint({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info gm-not-listed" role="status">
      <p>{t('leaderboards.notListed', { value })}</p>
      <p>
        {t('leaderboards.notListedHow')} <Link to="/settings/privacy">{t('leaderboards.privacyLink')}</Link>
      </p>
    </div>
  );
}
