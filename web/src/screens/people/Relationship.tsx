import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Relationship as Ties } from '../../api/social';
import { useRelationship } from '../../api/socialQueries';
import { Alert } from '../../components/Alert';
import { BlockMenu } from './BlockMenu';
import { FollowButton } from './FollowButton';
import { UnblockButton } from './UnblockButton';
import '../social/social.css';

/** Follower and following counts, each opening its list. */
export function FollowCounts({ username, ties }: { username: string; ties: Ties }) {
  const { t } = useTranslation();
  const base = `/u/${encodeURIComponent(username)}`;
  // The server leaves the counts out of a profile the viewer may not see.
  if (ties.followers_count == null || ties.following_count == null) return null;
  return (
    <p className="follow-counts">
      <Link to={`${base}/followers`}>{t('people.followersCount', { count: ties.followers_count })}</Link>
      <Link to={`${base}/following`}>{t('people.followingCount', { count: ties.following_count })}</Link>
    </p>
  );
}

interface RelationshipBarProps {
  username: string;
  /** The viewer's own profile: counts only. */
  isMe?: boolean;
  /** Their profile is hidden from the viewer (followers only or private). */
  hidden?: boolean;
}

/**
 * How the viewer and a member are tied, on the member's profile: counts, "follows you",
 * follow / requested / following, and blocking in a small menu. Nothing when it cannot be read.
 */
export function RelationshipBar({ username, isMe, hidden }: RelationshipBarProps) {
  const { t } = useTranslation();
  const query = useRelationship(username);
  const ties = query.data;
  if (!ties) return null;
  if (ties.blocked) {
    return (
      <div className="relationship">
        <Alert tone="warning">{t('people.youBlocked', { username })}</Alert>
        <UnblockButton username={username} />
      </div>
    );
  }
  return (
    <div className="relationship">
      {!hidden && <FollowCounts username={username} ties={ties} />}
      {!isMe && (
        <div className="relationship-actions">
          {ties.follows_you && <span className="badge badge-accent">{t('people.followsYou')}</span>}
          <FollowButton username={username} state={ties.following} needsApproval={hidden} />
          <BlockMenu username={username} />
        </div>
      )}
    </div>
  );
}
