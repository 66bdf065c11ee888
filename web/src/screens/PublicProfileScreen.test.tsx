import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../test/mockApi';
import { renderApp } from '../test/renderApp';
import { weekStats } from './progress/fixtures.test-data';

describe('PublicProfileScreen', () => {
  it('shows a visible profile to signed-out visitors', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'GET /users/coach_kim': json(200, { username: 'coach_kim', display_name: 'Kim', bio: 'Lifts things.', role: 'coach', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/coach_kim/workouts': json(200, { items: [], next_cursor: null }),
    });
    renderApp('/u/coach_kim');
    expect(await screen.findByRole('heading', { name: 'Kim' })).toBeInTheDocument();
    // Signed out, the public workouts are listed (none here).
    expect(await screen.findByText('No workouts you can see yet.')).toBeInTheDocument();
    expect(screen.getByText('Coach')).toBeInTheDocument();
    expect(screen.getByText('Lifts things.')).toBeInTheDocument();
    expect(screen.getByText(/Member since/)).toBeInTheDocument();
  });

  it('treats not found and private alike', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized'), 'GET /users/ghost': problem(404, 'not_found') });
    renderApp('/u/ghost');
    expect(await screen.findByText('There is no profile @ghost, or it is private.')).toBeInTheDocument();
  });

  const workout = (id: string, title: string) => ({
    id,
    user_id: 'u9',
    title,
    notes: '',
    started_at: '2026-11-20T17:00:00Z',
    finished_at: '2026-11-20T18:00:00Z',
    duration_s: 3600,
    visibility: 'members',
    plan: null,
    set_count: 12,
    volume_kg: 4200,
    records_hit: 1,
    version: 3,
  });

  it('shows a signed-in member the workouts they may see', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/mia/workouts': json(200, { items: [workout('w1', 'Leg day'), workout('w2', 'Push day')], next_cursor: null }),
    });
    renderApp('/u/mia');
    const section = await screen.findByRole('region', { name: 'Workouts' });
    expect(await within(section).findByRole('link', { name: /Leg day/ })).toHaveAttribute('href', '/workouts/w1');
    expect(within(section).getByRole('link', { name: /Push day/ })).toBeInTheDocument();
    expect(calls.some((c) => c.path.startsWith('/users/mia/workouts'))).toBe(true);
  });

  it('shows a coach the workouts of a member whose profile is private', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'kim', role: 'coach' })),
      'GET /users/mia': problem(404, 'not_found'),
      'GET /users/mia/workouts': json(200, { items: [workout('w1', 'Leg day')], next_cursor: null }),
    });
    renderApp('/u/mia');
    expect(await screen.findByRole('heading', { name: '@mia', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('This profile is private; you see these workouts because you coach @mia.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Leg day/ })).toBeInTheDocument();
  });

  it('keeps a private profile hidden from a signed-in member who does not coach them', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': problem(404, 'not_found'),
      'GET /users/mia/workouts': problem(404, 'not_found'),
    });
    renderApp('/u/mia');
    expect(await screen.findByText('There is no profile @mia, or it is private.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Workouts' })).not.toBeInTheDocument();
  });

  it('shows a compact training summary when the member’s stats are visible', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/mia/workouts': json(200, { items: [], next_cursor: null }),
      'GET /users/mia/stats': json(200, weekStats([2, 3, 3, 1, 0, 3, 4, 3, 2, 3, 3, 1], { weekly_target: 4 })),
    });
    renderApp('/u/mia');
    const stats = await screen.findByRole('region', { name: 'Training' });
    expect(within(stats).getByRole('img', { name: 'Workouts per week over the last 12 weeks: 2, 3, 3, 1, 0, 3, 4, 3, 2, 3, 3, 1' })).toBeInTheDocument();
    expect(within(stats).getByText('28')).toBeInTheDocument();
    expect(within(stats).getByText('2.3 a week on average')).toBeInTheDocument();
    expect(within(stats).getByText('2 weeks')).toBeInTheDocument();
    expect(within(stats).getByText('1 of 4')).toBeInTheDocument();
  });

  it('shows no summary and no error when the stats are not for the viewer (404)', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'bob' })),
      'GET /users/mia': json(200, { username: 'mia', display_name: 'Mia', bio: '', role: 'member', avatar_url: null, created_at: '2026-03-01T12:00:00Z' }),
      'GET /users/mia/workouts': json(200, { items: [], next_cursor: null }),
      'GET /users/mia/stats': problem(404, 'not_found'),
    });
    renderApp('/u/mia');
    expect(await screen.findByText('No workouts you can see yet.')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.path === '/users/mia/stats?period=week')).toBe(true));
    expect(screen.queryByRole('region', { name: 'Training' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
