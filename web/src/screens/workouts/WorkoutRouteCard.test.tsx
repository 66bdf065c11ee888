import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WorkoutDetail } from '../../api/types';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { routePath } from './WorkoutRouteCard';

const running = {
  id: 'running',
  name_en: 'Running',
  name_ru: 'Бег',
  aliases_en: [],
  aliases_ru: [],
  primary: [],
  secondary: [],
  equipment: 'none',
  category: 'cardio',
  logging: 'distance_duration',
  scope: 'builtin',
  instructions: [],
  instructions_ru: [],
};

function run(id: string, distance: number | null): WorkoutDetail {
  return {
    workout: { id, user_id: 'u1', title: 'River loop', notes: '', started_at: '2026-05-01T07:00:00Z', finished_at: '2026-05-01T07:50:00Z', duration_s: 3000, visibility: 'private', set_count: 1, volume_kg: 0, records_hit: 0, version: 1 },
    sets: [{ id: 's1', exercise_id: 'running', kind: 'normal', distance_m: distance, duration_s: 3000, completed_at: '2026-05-01T07:50:00Z', is_record: false }],
    plan_day: null,
    previous: [],
  } as unknown as WorkoutDetail;
}

const points = Array.from({ length: 50 }, (_, i) => ({ lat: 55.75 + i * 0.001, lon: 37.6 + Math.sin(i / 8) * 0.004, ele: 140 + i, t: i * 60 }));
const TRACK = { workout_id: 'w1', sport: 'running', distance_m: 10_000, duration_s: 3000, elevation_gain_m: 49, started_at: '2026-05-01T07:00:00Z', total_points: 3001, points };

const base = (over: Record<string, unknown>) => ({
  'GET /instance': instance(),
  'GET /me': json(200, makeMe({ id: 'u1' })),
  'GET /exercises/running': json(200, running),
  ...over,
});

describe('a workout with a GPS route', () => {
  it('draws the route with its distance, time, pace and climb, and offers the GPX', async () => {
    mockApi(base({ 'GET /workouts/w1': json(200, run('w1', 10_000)), 'GET /workouts/w1/track': json(200, TRACK) }));
    renderApp('/workouts/w1');
    const card = await screen.findByTestId('route-card');
    expect(within(card).getByRole('heading', { name: 'Route' })).toBeInTheDocument();
    const drawing = within(card).getByRole('img', { name: 'The route, drawn from its 3001 points' });
    const d = drawing.querySelector('path')!.getAttribute('d')!;
    expect(d.startsWith('M')).toBe(true);
    expect(d.split('L')).toHaveLength(50);
    expect(within(card).getByText('10 km')).toBeInTheDocument();
    expect(within(card).getByText('50:00')).toBeInTheDocument();
    expect(within(card).getByText('5:00 /km')).toBeInTheDocument();
    expect(within(card).getByText('49 m')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Download GPX' })).toHaveAttribute('href', '/api/v1/workouts/w1/track.gpx');
  });

  it('shows speed for a ride, in miles for imperial units, without a climb it does not know', async () => {
    mockApi(
      base({
        'GET /me': json(200, makeMe({ id: 'u1', preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
        'GET /workouts/w2': json(200, run('w2', 32_186.88)),
        'GET /workouts/w2/track': json(200, { ...TRACK, workout_id: 'w2', sport: 'cycling', distance_m: 32_186.88, duration_s: 3600, elevation_gain_m: null }),
      }),
    );
    renderApp('/workouts/w2');
    const card = await screen.findByTestId('route-card');
    expect(within(card).getByText('Speed')).toBeInTheDocument();
    expect(within(card).getByText('20 mph')).toBeInTheDocument();
    expect(within(card).queryByText('Climb')).not.toBeInTheDocument();
  });

  it('shows no route card when the workout has no route', async () => {
    const calls = mockApi(base({ 'GET /workouts/w3': json(200, run('w3', 5_000)), 'GET /workouts/w3/track': problem(404, 'not_found') }));
    renderApp('/workouts/w3');
    expect(await screen.findByRole('heading', { name: 'River loop', level: 1 })).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Running', level: 2 });
    await waitFor(() => expect(calls.some((c) => c.path === '/workouts/w3/track')).toBe(true));
    expect(screen.queryByTestId('route-card')).not.toBeInTheDocument();
  });
});

describe('routePath', () => {
  it('keeps north up and the aspect of the route', () => {
    const p = routePath([
      { lat: 0, lon: 0, ele: null, t: null },
      { lat: 0.01, lon: 0, ele: null, t: null },
    ])!;
    expect(p.start[1]).toBeGreaterThan(p.end[1]);
    expect(p.start[0]).toBe(p.end[0]);
    expect(routePath([{ lat: 0, lon: 0, ele: null, t: null }])).toBeNull();
  });
});
