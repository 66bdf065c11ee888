import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const mia = json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' });
const ties = (over: Record<string, unknown> = {}) =>
  json(200, { following: 'none', follows_you: false, blocked: false, followers_count: 4, following_count: 1, ...over });
const profile = (over: Record<string, unknown> = {}) => ({
  'GET /instance': instance(),
  'GET /me': json(200, makeMe({ username: 'bob' })),
  'GET /users/mia': mia,
  'GET /users/mia/workouts': json(200, { items: [], next_cursor: null }),
  ...over,
});

describe('following from a profile', () => {
  it('follows, shows the counts as links and that she follows you', async () => {
    const calls = mockApi(
      profile({
        'GET /users/mia/relationship': [ties({ follows_you: true }), ties({ follows_you: true, following: 'following', followers_count: 5 })],
        'POST /users/mia/follow': json(200, { state: 'following' }),
      }),
    );
    const { user } = renderApp('/u/mia');
    expect(await screen.findByRole('link', { name: '4 followers' })).toHaveAttribute('href', '/u/mia/followers');
    expect(screen.getByRole('link', { name: '1 following' })).toHaveAttribute('href', '/u/mia/following');
    expect(screen.getByText('Follows you')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Follow' }));
    expect(await screen.findByRole('button', { name: 'Unfollow @mia' })).toBeInTheDocument();
    expect(screen.getByText('Following')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '5 followers' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/users/mia/follow']);
  });

  it('unfollows only after a confirmation', async () => {
    const calls = mockApi(
      profile({
        'GET /users/mia/relationship': [ties({ following: 'following' }), ties()],
        'DELETE /users/mia/follow': noContent(),
      }),
    );
    const { user } = renderApp('/u/mia');
    await user.click(await screen.findByRole('button', { name: 'Unfollow @mia' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unfollow @mia?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Unfollow @mia' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Unfollow' }));
    expect(await screen.findByRole('button', { name: 'Follow' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/users/mia/follow']);
  });

  it('asks to follow a profile shared with approved followers only, and withdraws the request', async () => {
    mockApi(
      profile({
        'GET /users/mia': problem(404, 'not_found'),
        'GET /users/mia/workouts': problem(404, 'not_found'),
        'GET /users/mia/relationship': [ties(), ties({ following: 'requested' }), ties()],
        'POST /users/mia/follow': json(200, { state: 'requested' }),
        'DELETE /users/mia/follow': noContent(),
      }),
    );
    const { user } = renderApp('/u/mia');
    expect(await screen.findByText(/If @mia shares their profile with followers they approve, ask to follow/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /followers/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask to follow' }));
    expect(await screen.findByText('Requested')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Withdraw request to follow @mia' }));
    expect(await screen.findByRole('button', { name: 'Ask to follow' })).toBeInTheDocument();
  });

  it('says why following fails when one blocked them, and blocks from the menu after a confirmation', async () => {
    const calls = mockApi(
      profile({
        'GET /users/mia/relationship': [ties(), ties({ blocked: true, followers_count: 0 })],
        'POST /users/mia/follow': problem(409, 'blocked'),
        'POST /users/mia/block': noContent(),
        'DELETE /users/mia/block': noContent(),
      }),
    );
    const { user } = renderApp('/u/mia');
    await user.click(await screen.findByRole('button', { name: 'Follow' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You blocked @mia. Unblock them to follow them.');

    const more = screen.getByRole('button', { name: 'More for @mia' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    await user.click(screen.getByRole('button', { name: 'Block @mia' }));
    const dialog = await screen.findByRole('dialog', { name: 'Block @mia?' });
    expect(within(dialog).getByText(/neither of you sees the other/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText(/You blocked @mia\. Neither of you/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unblock @mia' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Follow' })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/users/mia/follow', '/users/mia/block']);
  });

  it('shows one’s own counts without a follow button', async () => {
    mockApi(
      profile({
        'GET /me': json(200, makeMe({ username: 'mia' })),
        'GET /users/mia/relationship': ties({ followers_count: 1, following_count: 0 }),
      }),
    );
    renderApp('/u/mia');
    expect(await screen.findByRole('link', { name: '1 follower' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '0 following' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Follow/ })).not.toBeInTheDocument();
  });

  it('lists one’s followers and removes one after a confirmation', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'mia' })),
      'GET /users/mia/followers': [json(200, { items: [{ username: 'bob', display_name: 'Bob' }], next_cursor: null }), json(200, { items: [], next_cursor: null })],
      'DELETE /me/followers/bob': noContent(),
    });
    const { user } = renderApp('/u/mia/followers');
    expect(await screen.findByRole('heading', { name: 'Followers of @mia', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Bob' })).toHaveAttribute('href', '/u/bob');
    await user.click(screen.getByRole('button', { name: 'Remove @bob from your followers' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('@bob no longer follows you.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Nobody follows you yet.')).toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/me/followers/bob']);
  });

  it('is translated', async () => {
    mockApi(
      profile({
        'GET /me': json(200, makeMe({ username: 'bob', preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
        'GET /users/mia/relationship': ties({ followers_count: 22, following_count: 5 }),
      }),
    );
    renderApp('/u/mia');
    expect(await screen.findByRole('link', { name: '22 подписчика' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '5 подписок' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Подписаться' })).toBeInTheDocument();
  });
});
