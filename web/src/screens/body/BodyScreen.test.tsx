import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const metric = (id: string, kind: string, value: number, measured_at: string) => ({ id, kind, value, measured_at, note: '' });

describe('BodyScreen', () => {
  it('lists the kinds recorded on the server with their newest value, including custom ones', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/body-metrics/kinds': json(200, {
        items: [metric('m1', 'weight', 80.2, '2026-11-20T08:00:00Z'), metric('m2', 'waist', 0.84, '2026-11-18T08:00:00Z'), metric('m3', 'resting_pulse', 58, '2026-11-19T08:00:00Z')],
      }),
      'GET /me/body-metrics': ({ path }) =>
        json(200, { items: path.includes('kind=resting_pulse') ? [metric('m3', 'resting_pulse', 58, '2026-11-19T08:00:00Z'), metric('m4', 'resting_pulse', 61, '2026-11-10T08:00:00Z')] : [metric('m1', 'weight', 80.2, '2026-11-20T08:00:00Z')] }),
    });
    const { user } = renderApp('/body');
    const latest = await screen.findByRole('region', { name: 'Latest' });
    const tiles = within(latest).getAllByRole('button');
    expect(tiles.map((b) => b.querySelector('.cat-kind-name')!.textContent)).toEqual(['Body weight', 'Waist', 'resting pulse']);
    expect(within(tiles[0]!).getByText('80.2 kg')).toBeInTheDocument();
    expect(within(tiles[1]!).getByText('84 cm')).toBeInTheDocument();
    expect(within(tiles[2]!).getByText('58')).toBeInTheDocument();
    expect(tiles[0]).toHaveAttribute('aria-pressed', 'true');
    // The custom kind comes from the server, not from this device's memory.
    const select = screen.getByLabelText('Measurement');
    expect(within(select).getByRole('option', { name: 'resting pulse' })).toBeInTheDocument();
    expect(localStorage.getItem('gymbox.customMeasurements')).toBeNull();

    await user.click(tiles[2]!);
    expect(await screen.findByRole('heading', { name: 'resting pulse', level: 2 })).toBeInTheDocument();
    expect(select).toHaveValue('resting_pulse');
    expect(tiles[2]).toHaveAttribute('aria-pressed', 'true');
    expect(calls.some((c) => c.path === '/me/body-metrics?kind=resting_pulse&limit=1000')).toBe(true);
  });

  it('refreshes the latest values after adding an entry, and offers a new kind until it is recorded', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/body-metrics/kinds': [json(200, { items: [] }), json(200, { items: [metric('m9', 'grip', 45, '2026-11-20T08:00:00Z')] })],
      'GET /me/body-metrics': json(200, { items: [] }),
      'POST /me/body-metrics': json(201, metric('m9', 'grip', 45, '2026-11-20T08:00:00Z')),
    });
    const { user } = renderApp('/body');
    await screen.findByText('No entries for Body weight yet.');
    expect(screen.queryByRole('region', { name: 'Latest' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Track something else…' }));
    await user.type(screen.getByLabelText('What to track'), 'Grip');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByLabelText('Measurement')).toHaveValue('grip');
    await screen.findByText('No entries for grip yet.');
    await user.type(screen.getByLabelText('Value'), '45');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    const latest = await screen.findByRole('region', { name: 'Latest' });
    expect(within(latest).getByRole('button', { name: /grip/ })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(calls.filter((c) => c.path === '/me/body-metrics/kinds')).toHaveLength(2));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ kind: 'grip', value: 45 });
  });
});
