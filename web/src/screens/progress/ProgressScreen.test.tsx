import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkoutDetail } from '../../api/types';
import type { TrendChartProps } from '../../components/TrendChart';
import { localWorkouts } from '../../lib/workoutSync';
import { instance, json, makeMe, mockApi, type Call } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { emptyStats, loadFixture, recordsFixture, weekStats, yearStats } from './fixtures.test-data';

// uPlot draws on a canvas, which happy-dom lacks: a stand-in shows what the chart was given.
vi.mock('../../components/TrendChart', () => ({
  default: ({ label, x, series }: TrendChartProps) => (
    <div role="img" aria-label={label} data-testid="chart" data-points={x.length} data-series={series.map((s) => s.label).join(',')} />
  ),
}));

const stats = (week = weekStats(), year = yearStats()) => (c: Call) => json(200, c.path.includes('period=month') ? year : week);

function routes(over: Record<string, Parameters<typeof mockApi>[0][string]> = {}, me = makeMe()) {
  return mockApi({
    'GET /instance': instance(),
    'GET /me': json(200, me),
    'GET /me/stats': stats(),
    'GET /me/load': json(200, loadFixture()),
    'GET /me/records': json(200, recordsFixture()),
    ...over,
  });
}

describe('ProgressScreen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-09T12:00:00Z'), toFake: ['Date'] });
  });

  it('says that the workout in progress on this device counts once it is finished', async () => {
    routes();
    const workout = { id: 'w-open', user_id: 'u1', title: '', notes: '', started_at: '2026-12-09T11:00:00Z', visibility: 'private', set_count: 1, volume_kg: 400, records_hit: 0, exercise_notes: [], supersets: [], version: 2 };
    const detail = { workout, sets: [], previous: [] } as unknown as WorkoutDetail;
    await localWorkouts.update('w-open', () => ({ id: 'w-open', owner: 'u1', detail, layout: [], removed: [], exercises: {}, savedAt: 0 }));
    try {
      renderApp('/progress');
      const glance = await screen.findByRole('region', { name: 'This week' });
      expect(await within(glance).findByTestId('period-in-progress')).toHaveTextContent('Your workout in progress counts here once you finish it.');
      expect(within(glance).getByTestId('period-sessions')).toHaveTextContent('1 of 3');
    } finally {
      await localWorkouts.update('w-open', () => null);
    }
  });

  it('sums up this week against the target, with streak, volume, muscles, year, load and records', async () => {
    const calls = routes();
    const { user } = renderApp('/progress');
    const glance = await screen.findByRole('region', { name: 'This week' });
    expect(within(glance).getByTestId('period-sessions')).toHaveTextContent('1 of 3');
    expect(within(glance).getByRole('progressbar', { name: 'Target: 3 workouts a week' })).toHaveAttribute('aria-valuenow', '1');
    expect(within(glance).getByText('8,000 kg')).toBeInTheDocument();
    expect(within(glance).getByText('1 h 00 min')).toBeInTheDocument();
    expect(within(glance).getByText('-67% vs last week')).toBeInTheDocument();
    expect(within(glance).getByText('2 weeks in a row on target')).toBeInTheDocument();
    expect(within(glance).getByText('Trained 2 days in a row')).toBeInTheDocument();
    expect(within(glance).getByRole('link', { name: 'Change target' })).toHaveAttribute('href', '/settings/preferences');
    expect(within(glance).queryByTestId('period-in-progress')).toBeNull();

    const volume = screen.getByRole('region', { name: 'Volume' });
    const chart = await within(volume).findByTestId('chart');
    expect(chart).toHaveAttribute('data-points', '12');
    expect(chart).toHaveAccessibleName('Weight moved per week, last 12 weeks. Latest 8,000 kg, highest 32,000 kg.');

    const muscles = screen.getByRole('region', { name: 'Muscle balance' });
    const bars = () => within(muscles).getAllByRole('listitem').map((li) => li.textContent);
    expect(bars()).toEqual(['Chest6 sets', 'Quads5 sets', 'Triceps3 sets']);
    await user.click(within(muscles).getByRole('button', { name: 'Last 4 weeks' }));
    // The last four weeks held 2, 3, 3 and 1 workouts.
    expect(bars()).toEqual(['Chest54 sets', 'Quads45 sets', 'Triceps27 sets']);

    const year = screen.getByRole('region', { name: 'Your year' });
    expect(within(year).getByText(/^You trained on \d+ days in the last 12 months\.$/)).toBeInTheDocument();
    const cells = within(within(year).getByRole('group', { name: 'Training days in the last 12 months' })).getAllByRole('img');
    expect(cells.length).toBe(52 * 7 + 3);
    expect(cells.at(-1)).toHaveAccessibleName(/^Wed, Dec 9, 2026: 1 workout, \d+ sets$/);
    expect(cells.at(-3)).toHaveAccessibleName('Mon, Dec 7, 2026: no workout');

    const load = screen.getByRole('region', { name: 'Training load' });
    expect(within(load).getByText('Fitness')).toBeInTheDocument();
    expect(await within(load).findByTestId('chart')).toHaveAttribute('data-series', 'Fitness,Fatigue,Form');
    expect(within(load).getByText(/^Your last 7 days match your usual training/)).toBeInTheDocument();
    expect(within(load).getByText(/when you log none, 7 is assumed/)).toBeInTheDocument();

    const records = screen.getByRole('region', { name: 'Recent records' });
    expect(within(records).getByRole('link', { name: 'Bench press' })).toHaveAttribute('href', '/exercises/bench-press');
    expect(within(records).getByRole('link', { name: 'Dec 1, 2026' })).toHaveAttribute('href', '/workouts/w9');
    const lines = within(records).getAllByRole('listitem').filter((li) => !li.querySelector('li'));
    expect(lines.map((li) => li.textContent)).toEqual(['Estimated 1RM 116.7 kg · was 110 kg', '5-rep max 130 kg · first record']);
    expect(within(records).getByRole('link', { name: 'All records' })).toHaveAttribute('href', '/progress/records');

    // The heatmap's months start a year back, in the member's calendar.
    expect(calls.some((c) => c.path === '/me/stats?period=month&from=2025-12-01&to=2026-12-09')).toBe(true);
    expect(calls.some((c) => c.path === '/me/stats?period=week')).toBe(true);
  });

  it('switches the summaries to months', async () => {
    routes();
    const { user, path } = renderApp('/progress');
    await screen.findByRole('region', { name: 'This week' });
    await user.click(within(screen.getByRole('group', { name: 'Sum up by' })).getByRole('button', { name: 'Month' }));
    const glance = await screen.findByRole('region', { name: 'This month' });
    expect(path()).toBe('/progress?period=month');
    expect(within(glance).getByTestId('period-sessions')).toHaveTextContent('10');
    expect(within(glance).queryByRole('progressbar')).not.toBeInTheDocument();
    const chart = within(screen.getByRole('region', { name: 'Volume' })).getByTestId('chart');
    expect(chart).toHaveAccessibleName(/^Weight moved per month, last 12 months\./);
    expect(chart).toHaveAttribute('data-points', '12');
    expect(within(screen.getByRole('region', { name: 'Muscle balance' })).getByRole('button', { name: 'Last 3 months' })).toBeInTheDocument();
  });

  it('tells a new member to log a workout', async () => {
    routes({ 'GET /me/stats': stats(emptyStats('week'), emptyStats('month')) });
    renderApp('/progress');
    const glance = await screen.findByRole('region', { name: 'This week' });
    expect(within(glance).getByTestId('period-sessions')).toHaveTextContent('0 of 3');
    expect(within(glance).getByText('No weekly streak yet: reach your target this week to start one.')).toBeInTheDocument();
    const start = screen.getByRole('region', { name: 'Your progress starts with a workout' });
    expect(within(start).getByRole('button', { name: 'Start a workout' })).toBeInTheDocument();
    expect(within(start).getByRole('link', { name: 'Log a past workout' })).toHaveAttribute('href', '/workouts/new');
    expect(screen.queryByRole('region', { name: 'Volume' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Training load' })).not.toBeInTheDocument();
  });

  it('speaks Russian: plurals, decimal commas, grouped thousands', async () => {
    const ru = makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } });
    const tired = loadFixture({ fitness: 100, fatigue: 125, form: -25, ratio: 1.42 });
    routes({ 'GET /me/load': json(200, tired) }, ru);
    const { user } = renderApp('/progress');
    const glance = await screen.findByRole('region', { name: 'Эта неделя' });
    expect(within(glance).getByTestId('period-sessions')).toHaveTextContent('1 из 3');
    expect(within(glance).getByText('8 000 кг')).toBeInTheDocument();
    expect(within(glance).getByText('1 ч 00 мин')).toBeInTheDocument();
    expect(within(glance).getByText('2 недели подряд с выполненной целью')).toBeInTheDocument();
    expect(within(glance).getByText('Тренировки 2 дня подряд')).toBeInTheDocument();
    const muscles = screen.getByRole('region', { name: 'Баланс мышц' });
    expect(within(muscles).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Грудь6 подходов', 'Квадрицепс5 подходов', 'Трицепс3 подхода']);
    await user.click(within(muscles).getByRole('button', { name: 'Последние 4 недели' }));
    expect(within(muscles).getAllByRole('listitem')[0]).toHaveTextContent('54 подхода');
    const load = screen.getByRole('region', { name: 'Тренировочная нагрузка' });
    expect(within(load).getByText('1,42')).toBeInTheDocument();
    expect(within(load).getByText('-25')).toBeInTheDocument();
    expect(within(load).getByText(/^Есть усталость от последних тренировок/)).toBeInTheDocument();
    expect(within(load).getByText(/^Последние 7 дней были тяжелее обычного \(1,3–1,5\)/)).toBeInTheDocument();
    const year = screen.getByRole('region', { name: 'Ваш год' });
    const cells = within(year).getAllByRole('img');
    expect(cells.at(-1)!.getAttribute('aria-label')).toMatch(/^ср, 9 дек\.? 2026( г\.)?: 1 тренировка, \d+ подход(а|ов)?$/);
    expect(cells.at(-3)!.getAttribute('aria-label')).toMatch(/^пн, 7 дек\.? 2026( г\.)?: тренировки не было$/);
    expect(screen.getByRole('region', { name: 'Последние рекорды' })).toHaveTextContent('116,7 кг');
  });

  it('is in the More sheet', async () => {
    routes();
    const { user, path } = renderApp('/');
    await screen.findByRole('heading', { name: 'Hi, Alice!' });
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'More' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'More' })).getByRole('link', { name: 'Progress' }));
    await waitFor(() => expect(path()).toBe('/progress'));
    expect(await screen.findByRole('heading', { name: 'Progress', level: 1 })).toBeInTheDocument();
  });
});
