import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Notification, NotificationKind } from '../../api/notifications';
import { notificationLink, notificationText } from './notificationText';

const note = (kind: NotificationKind, over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind,
  actor: { username: 'anna', display_name: 'Anna' },
  subject_kind: null,
  subject_id: null,
  comment_id: null,
  club_id: null,
  note: null,
  at: '2026-12-01T10:00:00Z',
  read: false,
  ...over,
});
const onWorkout = { subject_kind: 'workout' as const, subject_id: 'w1' };

describe('notification text and links', () => {
  const cases: [NotificationKind, Partial<Notification>, string, string, string][] = [
    ['follow', {}, 'Anna started following you', 'Новый подписчик: Anna', '/u/anna'],
    ['follow_request', {}, 'Anna asked to follow you', 'Anna просит разрешения подписаться на вас', '/u/anna'],
    ['follow_accepted', {}, 'Anna accepted your follow request', 'Anna принимает вашу заявку на подписку', '/u/anna'],
    ['kudos', onWorkout, 'Anna gave kudos to your workout', 'Респект от Anna за вашу тренировку', '/workouts/w1'],
    ['comment', { ...onWorkout, comment_id: 'c9' }, 'Anna commented on your workout', 'Новый комментарий от Anna к вашей тренировке', '/workouts/w1#comment-c9'],
    ['mention', { ...onWorkout, comment_id: 'c9' }, 'Anna mentioned you in a comment', 'Anna упоминает вас в комментарии', '/workouts/w1#comment-c9'],
    ['coaching_request', {}, 'Anna asked to coach you', 'Anna предлагает стать вашим тренером', '/coaching'],
    ['plan_assigned', { subject_kind: 'plan', subject_id: 'p1' }, 'Anna assigned you a plan', 'Anna назначает вам план', '/plans/p1'],
    ['comment', { subject_kind: 'plan', subject_id: 'p1', comment_id: 'c2' }, 'Anna commented on your plan', 'Новый комментарий от Anna к вашему плану', '/plans/p1#comment-c2'],
    ['club_request', { club_id: 'k1' }, 'Anna asked to join your club', 'Anna просит принять в ваш клуб', '/clubs/k1'],
    ['club_invite', { club_id: 'k1' }, 'Anna invited you to a club', 'Anna приглашает вас в клуб', '/clubs/k1'],
    ['club_accepted', { club_id: 'k1' }, 'Anna let you into a club', 'Anna принимает вас в клуб', '/clubs/k1'],
    ['content_hidden', { ...onWorkout, note: 'No ads' }, 'An administrator made one of your workouts private', 'Администратор скрыл одну из ваших тренировок', '/workouts/w1'],
    ['content_hidden', { note: 'Be kind' }, 'An administrator removed one of your comments', 'Администратор удалил один из ваших комментариев', '/notifications'],
    ['warning', { note: 'Last warning' }, 'An administrator sent you a warning', 'Администратор вынес вам предупреждение', '/notifications'],
  ];

  it.each(cases)('%s', async (kind, over, en, ru, link) => {
    const n = note(kind, over);
    expect(notificationText(i18n.t, n)).toBe(en);
    expect(notificationLink(n)).toBe(link);
    await i18n.changeLanguage('ru');
    expect(notificationText(i18n.t, n)).toBe(ru);
  });

  it('names someone without a display name by @username, and a comment without its id by the list', () => {
    const n = note('comment', { ...onWorkout, actor: { username: 'bob', display_name: '' } });
    expect(notificationText(i18n.t, n)).toBe('@bob commented on your workout');
    expect(notificationLink(n)).toBe('/workouts/w1#comments');
  });
});
