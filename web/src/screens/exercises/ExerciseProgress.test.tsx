import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrendChartProps } from '../../components/TrendChart';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { progressFixture } from '../progress/fixtures.test-data';
import { exercise } from './fixtures.test-data';

vi.mock('../../components/TrendChart', () => ({
  default: ({ label, x }: TrendChartProps) => <div role="img" aria-label={label} data-testid="chart" data-points={x.length} />,
}));

const bench = exercise('bench-press', 'Bench press', 'Жим лёжа');
const history = { record: { sets: 8, last_at: '2026-12-01T18:00:00Z' }, items: [], next_cursor: null };

describe('exercise page: progress', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-09T12:00:00Z'), toFake: ['Date'] });
  });

  it('charts each session, switches metric and range, and lists the records and when they were set', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /exercises/bench-press': json(200, bench),
      'GET /exercises/bench-press/history': json(200, history),
      'GET /exercises/bench-press/progress': json(200, progressFixture()),
    });
    const { user } = renderApp('/exercises/bench-press');
    const card = await screen.findByRole('region', { name: 'Progress' });
    expect(await within(card).findByTestId('chart')).toHaveAccessibleName('Est. 1RM per session over 2 sessions. Latest 116.7 kg, best 116.7 kg.');
    await user.click(within(card).getByRole('button', { name: 'Volume' }));
    expect(within(card).getByTestId('chart')).toHaveAccessibleName('Volume per session over 2 sessions. Latest 3,600 kg, best 3,600 kg.');
    expect(within(card).getByRole('button', { name: 'Volume' })).toHaveAttribute('aria-pressed', 'true');

    const table = within(card).getByRole('table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Estimated 1RM116.7 kg',
      'Heaviest weight100 kg',
      '1-rep max100 kg',
      '3-rep max95 kg',
      '5-rep max90 kg',
      '10-rep max70 kg',
      'Most reps12 reps',
      'Best set volume900 kg',
      'Best session volume3,600 kg',
    ]);
    // Newest first, under the date of the workout that set them.
    const timeline = within(card).getAllByRole('listitem').filter((li) => li.querySelector('li'));
    expect(timeline.map((li) => li.textContent)).toEqual(['Dec 1, 2026Estimated 1RM 116.7 kg · was 110 kg', 'Nov 10, 2026Estimated 1RM 110 kg · first record']);
    expect(within(timeline[0]!).getByRole('link', { name: 'Dec 1, 2026' })).toHaveAttribute('href', '/workouts/w9');

    expect(calls.some((c) => c.path === '/exercises/bench-press/progress?from=2025-12-10&to=2026-12-09')).toBe(true);
    await user.click(within(card).getByRole('button', { name: '3 months' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/exercises/bench-press/progress?from=2026-09-09&to=2026-12-09')).toBe(true));
    await user.click(within(card).getByRole('button', { name: 'All time' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/exercises/bench-press/progress?from=2021-12-10&to=2026-12-09')).toBe(true));
  });

  it('says so when the exercise was never done, and shows it in pounds and Russian', async () => {
    const ru = makeMe({ preferences: { units: 'imperial', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } });
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, ru),
      'GET /exercises/bench-press': json(200, bench),
      'GET /exercises/bench-press/history': json(200, { ...history, record: { sets: 0 } }),
      'GET /exercises/bench-press/progress': json(200, progressFixture({ records: null, timeline: [], sessions: [] })),
    });
    renderApp('/exercises/bench-press');
    const card = await screen.findByRole('region', { name: 'Прогресс' });
    expect(await within(card).findByText('За этот период тренировок с этим упражнением нет.')).toBeInTheDocument();
    expect(within(card).getByText('Рекордов пока нет.')).toBeInTheDocument();
    expect(within(card).queryByRole('table')).not.toBeInTheDocument();
  });

  it('converts records to pounds', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /exercises/bench-press': json(200, bench),
      'GET /exercises/bench-press/history': json(200, history),
      'GET /exercises/bench-press/progress': json(200, progressFixture()),
    });
    renderApp('/exercises/bench-press');
    const card = await screen.findByRole('region', { name: 'Progress' });
    expect(await within(card).findByRole('row', { name: 'Heaviest weight 220.5 lb' })).toBeInTheDocument();
    expect(await within(card).findByTestId('chart')).toHaveAccessibleName(/Latest 257\.3 lb/);
  });
});
