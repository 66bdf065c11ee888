import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { achievements, badge } from './fixtures.test-data';


describe('achievements', () => {
  it('shows one’s level, XP today, streak, earned badges and progress towards the rest, in one’s units', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /me/achievements': json(200, achievements()),
    });
    renderApp('/profile');
    const card = await screen.findByRole('region', { name: 'Achievements' });
    expect(await within(card).findByText('Level 2')).toBeInTheDocument();
    const level = within(card).getByRole('progressbar', { name: 'Progress to level 3' });
    expect(level).toHaveAttribute('aria-valuenow', '50');
    expect(level).toHaveAttribute('aria-valuemax', '200');
    expect(within(card).getByText('150 XP to level 3')).toBeInTheDocument();
    expect(within(card).getByText('Today: 60 of 600 XP.')).toBeInTheDocument();
    expect(within(card).getByText('3 weeks')).toBeInTheDocument();
    expect(within(card).getByText('Best: 5 weeks')).toBeInTheDocument();
    expect(within(card).getByText('Freeze used this month: a missed week was bridged')).toBeInTheDocument();
    expect(within(card).getByText('No workout yet this week — one keeps the streak going')).toBeInTheDocument();
    expect(within(card).getByText('9,259 lb')).toBeInTheDocument();

    const badges = within(card).getByRole('list', { name: /^Badges/ });
    const tiles = within(badges).getAllByRole('listitem');
    // Earned first, in catalogue order; then the ones still to earn.
    expect(tiles.map((t) => t.querySelector('strong')?.textContent)).toEqual(['First workout', 'Night owl', 'Plan completed', '10 tonnes']);
    expect(tiles[0]).toHaveTextContent('Earned Nov 2, 2026');
    // A secret badge shows once earned; a repeatable one says how often.
    expect(tiles[1]).toHaveTextContent('Start 5 workouts at 21:00 or later.');
    expect(tiles[2]).toHaveTextContent('×3');
    expect(tiles[2]).toHaveTextContent('Earned 3 times, last Nov 25, 2026');
    expect(tiles[3]).toHaveTextContent('Not earned yet · 9,259 lb of 22,046 lb');
    expect(within(tiles[3]!).getByRole('progressbar', { name: 'Progress to 10 tonnes' })).toHaveAttribute('aria-valuenow', '4200');
    expect(within(tiles[0]!).queryByRole('progressbar')).toBeNull();
    expect(within(card).getByText('3 of 4 earned')).toBeInTheDocument();
    // Each badge gets its own drawing, once the drawings have loaded.
    await waitFor(() => expect(badges.querySelector('svg[data-badge="volume_10t"]')).not.toBeNull());
    expect(badges.querySelector('svg[data-badge="night_owl"]')).not.toBeNull();
  });

  it('lists flagged sets and confirms one', async () => {
    const flagged = { workout_id: 'w1', set_id: 's1', exercise_id: 'e1', weight_kg: 400, reps: 3, completed_at: '2026-11-20T18:00:00Z', flagged_at: '2026-11-20T18:00:01Z' };
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/achievements': [json(200, achievements({ flagged_sets: [flagged] })), json(200, achievements())],
      'GET /exercises/e1': json(200, { id: 'e1', name_en: 'Squat', name_ru: 'Присед', aliases_en: [], aliases_ru: [], primary: [], secondary: [], equipment: 'barbell', category: 'strength', logging: 'weight_reps', scope: 'builtin', instructions: [] }),
      'POST /workouts/w1/sets/s1/confirm': noContent(),
    });
    const { user } = renderApp('/profile');
    const card = await screen.findByRole('region', { name: 'Results to confirm' });
    expect(await within(card).findByText('Squat — 400 kg × 3')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Open the workout' })).toHaveAttribute('href', '/workouts/w1');
    await user.click(within(card).getByRole('button', { name: 'Confirm Squat — 400 kg × 3' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Results to confirm' })).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/workouts/w1/sets/s1/confirm']);
  });

  it('shows another member’s earned badges on their profile, nothing when the server hides them', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/mia/workouts': json(200, { items: [], next_cursor: null }),
      'GET /users/mia/achievements': json(
        200,
        achievements({ username: 'mia', xp_today: null, show_on_leaderboards: null, badges: [badge({ earned: true, count: 1, last_earned_at: '2026-11-02T10:00:00Z', current: null })] }),
      ),
    });
    renderApp('/u/mia');
    const card = await screen.findByRole('region', { name: 'Achievements' });
    expect(within(card).getByText('Level 2')).toBeInTheDocument();
    expect(within(card).queryByText(/Today:/)).toBeNull();
    expect(within(card).getByText('No workout yet this week')).toBeInTheDocument();
    expect(within(card).getByText('1 earned')).toBeInTheDocument();
    expect(within(within(card).getByRole('list', { name: /^Badges/ })).getByRole('listitem')).toHaveTextContent('First workout');
    expect(within(card).queryByText(/A few badges stay secret/)).toBeNull();
  });

  it('leaves the card out when the server does not show someone’s achievements', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/mia/workouts': json(200, { items: [], next_cursor: null }),
    });
    renderApp('/u/mia');
    expect(await screen.findByText('No workouts you can see yet.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Achievements' })).toBeNull();
  });

  it('keeps the leaderboard setting in Privacy', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/achievements': json(200, achievements()),
      'PATCH /me/achievements': json(200, achievements({ show_on_leaderboards: false })),
    });
    const { user } = renderApp('/settings/privacy');
    const form = await screen.findByRole('form', { name: 'Leaderboards' });
    const box = await within(form).findByRole('checkbox', { name: /Show me on leaderboards and challenge standings/ });
    expect(box).toBeChecked();
    await user.click(box);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ show_on_leaderboards: false });
    expect(box).not.toBeChecked();
  });
});
