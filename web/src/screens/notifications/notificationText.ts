import type { TFunction } from 'i18next';
import type { Notification } from '../../api/notifications';
import { personName } from '../../lib/format';

/** What a notification says, e.g. "Anna gave kudos to your workout." */
export function notificationText(t: TFunction, n: Notification): string {
  const name = personName(n.actor);
  switch (n.kind) {
    case 'follow':
      return t('notifications.kind.follow', { name });
    case 'follow_request':
      return t('notifications.kind.follow_request', { name });
    case 'follow_accepted':
      return t('notifications.kind.follow_accepted', { name });
    case 'kudos':
      return t('notifications.kind.kudos', { name });
    case 'comment':
      return n.subject_kind === 'plan' ? t('notifications.kind.comment_plan', { name }) : t('notifications.kind.comment', { name });
    case 'mention':
      return t('notifications.kind.mention', { name });
    case 'coaching_request':
      return t('notifications.kind.coaching_request', { name });
    case 'plan_assigned':
      return t('notifications.kind.plan_assigned', { name });
    case 'club_request':
      return t('notifications.kind.club_request', { name });
    case 'club_invite':
      return t('notifications.kind.club_invite', { name });
    case 'club_accepted':
      return t('notifications.kind.club_accepted', { name });
    case 'content_hidden':
      return n.subject_kind === 'workout'
        ? t('notifications.kind.content_hidden_workout')
        : n.subject_kind === 'plan'
          ? t('notifications.kind.content_hidden_plan')
          : t('notifications.kind.content_hidden_comment');
    case 'warning':
      return t('notifications.kind.warning');
    case 'feedback_answered':
      return t('notifications.kind.feedback_answered', { name });
    default:
      return t('notifications.kind.other', { name });
  }
}

/** Where a notification leads: the workout (at the comment), the plan, the coaching or the person. */
export function notificationLink(n: Notification): string {
  const profile = `/u/${encodeURIComponent(n.actor.username)}`;
  if (n.subject_kind === 'workout' && n.subject_id) {
    const at = n.comment_id ? `#comment-${n.comment_id}` : n.kind === 'comment' || n.kind === 'mention' ? '#comments' : '';
    return `/workouts/${n.subject_id}${at}`;
  }
  if (n.subject_kind === 'plan' && n.subject_id) return `/plans/${n.subject_id}${n.comment_id ? `#comment-${n.comment_id}` : ''}`;
  if (n.club_id) return `/clubs/${n.club_id}`;
  if (n.kind === 'warning' || n.kind === 'content_hidden') return '/notifications';
  if (n.kind === 'coaching_request') return '/coaching';
  if (n.kind === 'feedback_answered') return '/feedback';
  return profile;
}
