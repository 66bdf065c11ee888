import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const n = (id: string, kind: string, over: Record<string, unknown> = {}) => ({
  id,
  kind,
  actor: { username: 'anna', display_name: 'Anna' },
  subject_kind: null,
  subject_id: null,
  comment_id: null,
  at: '2026-12-01T10:00:00Z',
  read: false,
  ...over,
});
const list = (items: unknown[], unread: number) => json(200, { items, next_cursor: null, unread });

describe('notifications', () => {
  it('counts unread ones on the header’s bell', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /notifications/unread': json(200, { unread: 3 }) });
    renderApp('/');
    const bell = await screen.findByRole('link', { name: 'Notifications, 3 unread' });
    expect(bell).toHaveAttribute('href', '/notifications');
    expect(within(bell).getByText('3')).toBeInTheDocument();
  });

  it('lists them with readable text and links, marks them read, and answers a follow request inline', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /notifications/unread': [json(200, { unread: 3 }), json(200, { unread: 0 })],
      'GET /notifications': [
        list(
          [
            n('n3', 'kudos', { subject_kind: 'workout', subject_id: 'w1' }),
            n('n2', 'follow_request', { actor: { username: 'bob', display_name: 'Bob' } }),
            n('n1', 'mention', { subject_kind: 'workout', subject_id: 'w1', comment_id: 'c1', read: true }),
          ],
          2,
        ),
        list([n('n3', 'kudos', { subject_kind: 'workout', subject_id: 'w1', read: true })], 0),
      ],
      'GET /me/follow-requests': [json(200, { items: [{ id: 'r1', user: { username: 'bob', display_name: 'Bob' }, created_at: '2026-12-01T09:00:00Z' }], next_cursor: null }), json(200, { items: [], next_cursor: null })],
      'POST /notifications/read': json(200, { unread: 0 }),
      'POST /me/follow-requests/r1/accept': noContent(),
    });
    const { user } = renderApp('/notifications');
    expect(await screen.findByRole('link', { name: 'New: Anna gave kudos to your workout' })).toHaveAttribute('href', '/workouts/w1');
    expect(screen.getByRole('link', { name: 'Anna mentioned you in a comment' })).toHaveAttribute('href', '/workouts/w1#comment-c1');
    const request = screen.getByText('Bob asked to follow you').closest('li')!;
    // The request's buttons are on its notification, not listed twice.
    expect(screen.queryByRole('region', { name: /Follow request/ })).not.toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/notifications/read')).toBe(true));
    expect(calls.find((c) => c.path === '/notifications/read')!.body).toEqual({ up_to: 'n3' });
    expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();

    await user.click(within(request).getByRole('button', { name: 'Accept the follow request from @bob' }));
    expect(await screen.findByText('@bob now follows you.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/me/follow-requests/r1/accept')).toBe(true);
  });

  it('lists requests without a notification above, and says when there is nothing', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /notifications': list([], 0),
      'GET /me/follow-requests': [json(200, { items: [{ id: 'r1', user: { username: 'bob', display_name: 'Bob' }, created_at: '2026-12-01T09:00:00Z' }], next_cursor: null }), json(200, { items: [], next_cursor: null })],
      'POST /me/follow-requests/r1/decline': noContent(),
    });
    const { user } = renderApp('/notifications');
    const requests = await screen.findByRole('region', { name: 'Follow request' });
    expect(within(requests).getByRole('link', { name: 'Bob' })).toHaveAttribute('href', '/u/bob');
    expect(screen.getByText(/Nothing yet\./)).toBeInTheDocument();
    await user.click(within(requests).getByRole('button', { name: 'Decline the follow request from @bob' }));
    expect(await screen.findByText('You declined the request from @bob.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Follow request' })).not.toBeInTheDocument());
  });

  it('shows an administrator’s reason with a warning or hidden content', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /notifications/unread': json(200, { unread: 1 }),
      'GET /notifications': list([n('n5', 'warning', { actor: { username: 'admin1', display_name: 'Admin' }, note: 'Be kind to each other.' })], 1),
      'POST /notifications/read': json(200, { unread: 0 }),
      'GET /me/follow-requests': json(200, { items: [], next_cursor: null }),
    });
    renderApp('/notifications');
    expect(await screen.findByRole('link', { name: /An administrator sent you a warning/ })).toHaveAttribute('href', '/notifications');
    expect(screen.getByText('Reason: Be kind to each other.')).toBeInTheDocument();
  });

  it('is translated', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /notifications/unread': json(200, { unread: 5 }),
      'GET /notifications': list([n('n1', 'comment', { subject_kind: 'workout', subject_id: 'w1', read: true })], 0),
    });
    renderApp('/notifications');
    expect(await screen.findByRole('heading', { name: 'Уведомления', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Новый комментарий от Anna к вашей тренировке' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Уведомления, 5 непрочитанных' })).toBeInTheDocument();
  });
});
