import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TrendChartProps } from '../../components/TrendChart';
import { instance, json, makeMe, mockApi, problem, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { heatLevel, share, totals } from './usageShape';

// uPlot draws on a canvas, which happy-dom lacks: a stand-in shows what the chart was given.
vi.mock('../../components/TrendChart', () => ({
  default: ({ label, x, series }: TrendChartProps) => (
    <div role="img" aria-label={label} data-testid="chart" data-points={x.length} data-values={series[0]!.values.join(',')} />
  ),
}));

const usage = (days: number) => ({
  from: '2026-11-29',
  to: '2026-12-01',
  days: [
    { date: '2026-11-29', active_members: 4, new_members: 1, workouts: 5, sets: 60 },
    { date: '2026-11-30', active_members: 6, new_members: 0, workouts: 7, sets: 84 },
    { date: '2026-12-01', active_members: 3, new_members: 2, workouts: 3, sets: 1250 },
  ].slice(0, days === 7 ? 2 : 3),
  weeks: [
    { week_start: '2026-11-23', active_members: 9 },
    { week_start: '2026-11-30', active_members: 11 },
  ],
  features: [
    { feature: 'workout', count: 15 },
    { feature: 'sign_in', count: 40 },
    { feature: 'teleport', count: 1 },
  ],
  retention: [
    { cohort: '2026-09', members: 0, active: [0, 0, 0, 0] },
    { cohort: '2026-10', members: 8, active: [8, 6, 1] },
    { cohort: '2026-11', members: 4, active: [3, 0] },
  ],
  members: 12,
});

const owner = (language = 'en') =>
  json(200, makeMe({ username: 'root', role: 'owner', preferences: { units: 'metric', language, timezone: 'America/Los_Angeles', week_start: 'monday', weekly_target: 3 } } as never));

describe('usage', () => {
  it('sums up and charts the period, lists features and who stays', async () => {
    const calls = mockApi({ 'GET /instance': instance(), 'GET /me': owner(), 'GET /admin/usage': (c: Call) => json(200, usage(Number(new URLSearchParams(c.path.split('?')[1]).get('days')))) });
    const { user } = renderApp('/admin/usage');
    expect(await screen.findByText(/Totals only/)).toBeInTheDocument();
    // Calendar days stay the days they are, whatever the viewer's time zone.
    expect(await screen.findByText('Nov 29, 2026 – Dec 1, 2026')).toBeInTheDocument();
    expect(calls.find((c) => c.path.startsWith('/admin/usage'))!.path).toBe('/admin/usage?days=30');

    const tile = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(tile('Members')).toBe('12');
    expect(tile('New members')).toBe('3');
    expect(tile('Active on an average day')).toBe('4.3');
    expect(tile('Active in the latest week')).toBe('11');
    expect(tile('Workouts')).toBe('15');
    expect(tile('Sets')).toBe('1,394');

    await waitFor(() => expect(screen.getAllByTestId('chart')).toHaveLength(5));
    const charts = screen.getAllByTestId('chart');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Active members per day: at most 6, 13 in all. The numbers are in the table below.',
      'Active members per week: at most 11, 20 in all. The numbers are in the table below.',
      'Workouts per day: at most 7, 15 in all. The numbers are in the table below.',
      'Sets per day: at most 1,250, 1,394 in all. The numbers are in the table below.',
      'New members per day: at most 2, 3 in all. The numbers are in the table below.',
    ]);
    expect(charts[0]).toHaveAttribute('data-values', '4,6,3');
    const active = screen.getByRole('region', { name: 'Active members per day' });
    const rows = within(active).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['DayActive members per day', 'Nov 29, 20264', 'Nov 30, 20266', 'Dec 1, 20263']);

    const features = screen.getByRole('region', { name: 'What members use' });
    expect(within(features).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Signing in40', 'Workouts logged15', 'teleport1']);

    const cohorts = screen.getByRole('region', { name: 'Who stays' });
    const table = within(cohorts).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Joined', 'Members', 'Month 0', 'Month 1', 'Month 2']);
    // September, when nobody joined, is left out.
    const [oct, nov, ...rest] = within(table).getAllByRole('row').slice(1);
    expect(rest).toEqual([]);
    expect(within(oct!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['8', '100%', '75%', '13%']);
    expect(within(oct!).getAllByRole('cell')[1]).toHaveClass('heat-4');
    expect(within(oct!).getAllByRole('cell')[3]).toHaveClass('heat-1');
    expect(within(oct!).getAllByRole('cell')[2]).toHaveAttribute('title', '6 of 8 active');
    expect(within(nov!).getByRole('rowheader')).toHaveTextContent('Nov 2026');
    expect(within(nov!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '75%', '0%', '']);

    await user.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(screen.getAllByTestId('chart')[0]).toHaveAttribute('data-values', '4,6'));
    expect(calls.some((c) => c.path === '/admin/usage?days=7')).toBe(true);
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('uses decimal commas in Russian', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': owner('ru'), 'GET /admin/usage': json(200, usage(30)) });
    renderApp('/admin/usage');
    const dt = await screen.findByText('Активны в среднем за день', { selector: 'dt' });
    expect(dt.nextElementSibling).toHaveTextContent('4,3');
    expect(screen.getByText('Подходы', { selector: 'dt' }).nextElementSibling!.textContent).toBe('1\u00a0394');
    expect(screen.getByRole('button', { name: '365 дней' })).toBeInTheDocument();
  });

  it('says when the numbers cannot be loaded', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': owner(), 'GET /admin/usage': problem(503, 'unavailable') });
    renderApp('/admin/usage');
    expect(await screen.findByText('The server is busy or starting up. Try again in a moment.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('works out totals and heat from the numbers', () => {
    const t = totals(usage(30));
    expect(t).toEqual({ workouts: 15, sets: 1394, newMembers: 3, activePerDay: 13 / 3, activeLastWeek: 11 });
    expect(share(9, 8)).toBe(1);
    expect(share(1, 0)).toBe(0);
    expect([0, 0.1, 0.25, 0.5, 0.75, 1].map(heatLevel)).toEqual([0, 1, 2, 3, 4, 4]);
  });
});
