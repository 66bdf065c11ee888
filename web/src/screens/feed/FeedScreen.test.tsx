import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const workout = (over: Record<string, unknown> = {}) => ({
  id: 'w1',
  user_id: 'u2',
  title: 'Leg day',
  notes: '',
  started_at: '2026-11-20T17:00:00Z',
  finished_at: '2026-11-20T18:05:00Z',
  duration_s: 3900,
  visibility: 'followers',
  plan: null,
  set_count: 12,
  volume_kg: 4200,
  records_hit: 2,
  version: 3,
  ...over,
});
const item = (over: Record<string, unknown> = {}) => ({
  id: 'f1',
  kind: 'workout',
  at: '2026-11-20T18:05:00Z',
  author: { username: 'mia', display_name: 'Mia' },
  workout: workout(),
  kudos: 3,
  comments: 2,
  kudoed: false,
  ...over,
});
const page = (items: unknown[], next_cursor: string | null = null) => json(200, { items, next_cursor });
const me = (over = {}) => json(200, makeMe(over));

describe('the feed', () => {
  it('shows a finished workout: who, what, when, how long, sets, volume in the member’s units and records', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': me({ preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } }),
      'GET /feed': page([item()]),
    });
    renderApp('/feed');
    const card = await screen.findByRole('article', { name: 'Leg day' });
    expect(within(card).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    expect(within(card).getByRole('link', { name: 'Leg day' })).toHaveAttribute('href', '/workouts/w1');
    expect(within(card).getByText('Nov 20, 2026, 6:05 PM')).toBeInTheDocument();
    expect(within(card).getByText('1:05')).toBeInTheDocument();
    expect(within(card).getByText('12')).toBeInTheDocument();
    expect(within(card).getByText('9,259.4 lb')).toBeInTheDocument();
    expect(within(card).getByText('Records')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Kudos 3', pressed: false })).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '2 comments' })).toHaveAttribute('href', '/workouts/w1#comments');
  });

  it('shows a shared plan with its length and a link to its comments, without kudos', async () => {
    const plan = { id: 'p1', owner_id: 'u3', title: '5x5 for all', goal: null, tags: [], visibility: 'members', weeks: 8, days: 3, updated_at: '2026-11-19T10:00:00Z', version: 1 };
    mockApi({
      'GET /instance': instance(),
      'GET /me': me(),
      'GET /feed': page([item({ id: 'f2', kind: 'plan', workout: null, plan, author: { username: 'coach.anna', display_name: 'Anna' }, kudos: 0, comments: 1 })]),
    });
    renderApp('/feed');
    const card = await screen.findByRole('article', { name: '5x5 for all' });
    expect(within(card).getByText('shared a plan')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '5x5 for all' })).toHaveAttribute('href', '/plans/p1');
    expect(within(card).getByText('8 weeks · 3 days')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '1 comment' })).toHaveAttribute('href', '/plans/p1#comments');
    expect(within(card).queryByRole('button', { name: /Kudos/ })).toBeNull();
  });

  it('counts the kudos of one’s own workout instead of offering the button', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': me({ username: 'alice' }),
      'GET /feed': page([item({ author: { username: 'alice', display_name: 'Alice' }, kudos: 1 })]),
    });
    renderApp('/feed');
    const card = await screen.findByRole('article', { name: 'Leg day' });
    expect(within(card).getByText('1 kudos')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Kudos/ })).not.toBeInTheDocument();
  });

  it('gives kudos at once and settles on the server’s count', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': me(),
      'GET /feed': page([item()]),
      // Someone else gave kudos meanwhile: the server says 5.
      'POST /workouts/w1/kudos': async () => {
        await held;
        return json(200, { kudos: 5, comments: 2, kudoed: true });
      },
      'DELETE /workouts/w1/kudos': json(200, { kudos: 4, comments: 2, kudoed: false }),
    });
    const { user } = renderApp('/feed');
    const card = await screen.findByRole('article', { name: 'Leg day' });
    await user.click(within(card).getByRole('button', { name: 'Kudos 3' }));
    expect(within(card).getByRole('button', { name: 'Kudos 4', pressed: true })).toBeInTheDocument();
    release();
    expect(await within(card).findByRole('button', { name: 'Kudos 5', pressed: true })).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Kudos 5' }));
    expect(await within(card).findByRole('button', { name: 'Kudos 4', pressed: false })).toBeInTheDocument();
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual(['POST /workouts/w1/kudos', 'DELETE /workouts/w1/kudos']);
  });

  it('takes back the expected kudos and says why when the server refuses', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': me(),
      'GET /feed': page([item()]),
      'POST /workouts/w1/kudos': problem(422, 'validation_failed', { errors: [{ field: 'id', code: 'own_item', message: 'x' }] }),
    });
    const { user } = renderApp('/feed');
    const card = await screen.findByRole('article', { name: 'Leg day' });
    await user.click(within(card).getByRole('button', { name: 'Kudos 3' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('Kudos are for other people’s workouts.');
    expect(within(card).getByRole('button', { name: 'Kudos 3', pressed: false })).toBeInTheDocument();
  });

  it('tells a member who follows nobody what to do, and switches to the gym', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': me(),
      'GET /feed': (c) => (c.path.includes('scope=gym') ? page([item({ id: 'f2', workout: workout({ id: 'w2', title: 'Pull day' }) })], 'c2') : page([])),
    });
    const { user } = renderApp('/feed');
    expect(await screen.findByRole('heading', { name: 'Your feed is quiet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find people' })).toHaveAttribute('href', '/search');
    await user.click(screen.getByRole('button', { name: 'Show the gym’s workouts' }));
    expect(await screen.findByRole('article', { name: 'Pull day' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Gym', pressed: true })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show more' })).toBeInTheDocument();
    expect(calls.filter((c) => c.path.startsWith('/feed')).map((c) => c.path)).toEqual(['/feed?scope=following&limit=20', '/feed?scope=gym&limit=20']);
  });

  it('says when the gym has nothing to show yet, and when the feed cannot be read', async () => {
    localStorage.setItem('gymbox.feedScope', 'gym');
    mockApi({ 'GET /instance': instance(), 'GET /me': me(), 'GET /feed': [problem(503, 'unavailable'), page([])] });
    const { user } = renderApp('/feed');
    expect(await screen.findByText('The server is busy or starting up. Try again in a moment.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'No workouts shared yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log a workout' })).toHaveAttribute('href', '/workouts/new');
  });

  it('is translated, with Russian plural forms', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': me({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } }),
      'GET /feed': page([item({ comments: 5 }), item({ id: 'f3', workout: workout({ id: 'w3', title: 'Arms' }), comments: 22 })]),
    });
    renderApp('/feed');
    expect(await screen.findByRole('heading', { name: 'Лента', level: 1 })).toBeInTheDocument();
    const card = await screen.findByRole('article', { name: 'Leg day' });
    expect(within(card).getByRole('link', { name: '5 комментариев' })).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Arms' })).getByRole('link', { name: '22 комментария' })).toBeInTheDocument();
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Респект 3' })).toBeInTheDocument());
  });
});

describe('badges in the feed', () => {
  it('says who earned which badge, and links a challenge’s badge to the challenge', async () => {
    const badge = (id: string, name: string, over: Record<string, unknown> = {}) =>
      item({ id: `b-${id}`, kind: 'badge', workout: null, kudos: 0, comments: 0, badge: { id, name, count: 1, challenge_id: null, challenge_title: null, ...over } });
    mockApi({
      'GET /instance': instance(),
      'GET /me': me(),
      'GET /feed': page([
        badge('first_workout', 'First workout'),
        badge('plan_completed', 'Plan completed', { count: 3 }),
        badge('challenge_winner', 'Challenge winner', { challenge_id: 'ch1', challenge_title: 'December volume' }),
        badge('challenge_finisher', 'Challenge finisher', { challenge_id: 'ch2', challenge_title: 'Ten sessions' }),
      ]),
    });
    renderApp('/feed');
    const first = await screen.findByRole('article', { name: 'earned the badge “First workout”' });
    expect(within(first).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
    await waitFor(() => expect(first.querySelector('svg[data-badge="first_workout"]')).not.toBeNull());
    expect(screen.getByRole('article', { name: 'earned the badge “Plan completed” ×3' })).toBeInTheDocument();
    const won = screen.getByRole('article', { name: 'won the challenge December volume' });
    expect(within(won).getByRole('link', { name: 'December volume' })).toHaveAttribute('href', '/challenges/ch1');
    const finished = screen.getByRole('article', { name: 'finished the challenge Ten sessions' });
    expect(within(finished).getByRole('link', { name: 'Ten sessions' })).toHaveAttribute('href', '/challenges/ch2');
    // Badges take no kudos or comments.
    expect(screen.queryByRole('button', { name: /Kudos/ })).toBeNull();
  });
});
