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
