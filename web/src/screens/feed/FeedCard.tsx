import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FeedItem } from '../../api/social';
import { Avatar } from '../../components/Avatar';
import { CommentIcon, KudosIcon, TrophyIcon } from '../../components/icons';
import { personName, useFormat } from '../../lib/format';
import { formatHm, type Units } from '../../lib/units';
import '../../i18n/gamification';
import { BadgeIcon } from '../achievements/BadgeIcon';
import { KudosButton } from '../social/KudosButton';
import { formatVolume } from '../workouts/text';
import '../achievements/achievements.css';

interface FeedCardProps {
  item: FeedItem;
  units: Units;
  /** The viewer's own workout: its kudos are counted, not given. */
  mine: boolean;
}

/** Who did it and when, at the top of every card. */
function CardHead({ item }: { item: FeedItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const profile = `/u/${encodeURIComponent(item.author.username)}`;
  return (
    <header className="feed-card-head">
      <Avatar name={item.author.display_name || item.author.username} size={40} />
      <p className="feed-card-who">
        <Link to={profile} className="feed-card-author">
          {personName(item.author)}
        </Link>
        {item.kind === 'plan' && <span className="muted"> {t('feed.sharedPlan')}</span>}
        <time className="muted" dateTime={item.at} title={fmt.dateTime(item.at)}>
          {fmt.ago(item.at)}
        </time>
      </p>
    </header>
  );
}

/** A plan its author shared: its name, length and goal, and its comments. */
function PlanCard({ item, plan }: { item: FeedItem; plan: NonNullable<FeedItem['plan']> }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <article className="card feed-card" aria-labelledby={titleId}>
      <CardHead item={item} />
      <h2 id={titleId} className="feed-card-title">
        <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
      </h2>
      <p className="muted">
        {t('plans.weeks', { count: plan.weeks })} · {t('plans.days', { count: plan.days })}
        {plan.goal ? ` · ${plan.goal}` : ''}
      </p>
      <div className="feed-card-actions">
        <Link to={`/plans/${plan.id}#comments`} className="btn btn-small btn-ghost">
          <CommentIcon /> {t('social.commentsCount', { count: item.comments })}
        </Link>
      </div>
    </article>
  );
}

/** A badge its author earned; a challenge's badges name and link the challenge. */
function BadgeCard({ item, badge }: { item: FeedItem; badge: NonNullable<FeedItem['badge']> }) {
  const { t } = useTranslation();
  const titleId = useId();
  let text;
  if (badge.challenge_id) {
    text = (
      <>
        {t(badge.id === 'challenge_winner' ? 'achievements.feed.won' : 'achievements.feed.finished')}{' '}
        <Link to={`/challenges/${badge.challenge_id}`}>{badge.challenge_title ?? badge.name}</Link>
      </>
    );
  } else {
    text = badge.count > 1 ? t('achievements.feed.earnedAgain', { name: badge.name, n: badge.count }) : t('achievements.feed.earned', { name: badge.name });
  }
  return (
    <article className="card feed-card" aria-labelledby={titleId}>
      <CardHead item={item} />
      <div className="feed-badge badge-earned">
        <BadgeIcon id={badge.id} />
        <p id={titleId}>{text}</p>
      </div>
    </article>
  );
}

/** A feed item: a finished workout (who, when, what, kudos and comments), a shared plan or a badge. */
export function FeedCard({ item, units, mine }: FeedCardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const w = item.workout;
  if (!w) return item.plan ? <PlanCard item={item} plan={item.plan} /> : item.badge ? <BadgeCard item={item} badge={item.badge} /> : null;
  const duration = w.duration_s ?? (w.finished_at ? (Date.parse(w.finished_at) - Date.parse(w.started_at)) / 1000 : 0);
  return (
    <article className="card feed-card" aria-labelledby={titleId}>
      <CardHead item={item} />
      <h2 id={titleId} className="feed-card-title">
        <Link to={`/workouts/${w.id}`}>{w.title || t('logger.untitled')}</Link>
      </h2>
      <dl className="feed-stats">
        <div>
          <dt>{t('summary.duration')}</dt>
          <dd>{formatHm(duration)}</dd>
        </div>
        <div>
          <dt>{t('summary.sets')}</dt>
          <dd>{w.set_count}</dd>
        </div>
        <div>
          <dt>{t('summary.volume')}</dt>
          <dd>{formatVolume(t, i18n.language, w.volume_kg, units)}</dd>
        </div>
        {w.records_hit > 0 && (
          <div className="feed-records">
            <dt>
              <TrophyIcon /> {t('summary.records')}
            </dt>
            <dd>{w.records_hit}</dd>
          </div>
        )}
      </dl>
      <div className="feed-card-actions">
        {mine ? (
          <span className="kudos-total">
            <KudosIcon /> {t('social.kudosCount', { count: item.kudos })}
          </span>
        ) : (
          <KudosButton workoutId={w.id} kudos={item.kudos} kudoed={item.kudoed} />
        )}
        <Link to={`/workouts/${w.id}#comments`} className="btn btn-small btn-ghost">
          <CommentIcon /> {t('social.commentsCount', { count: item.comments })}
        </Link>
      </div>
    </article>
  );
}
