import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { makeQueryClient } from '../../lib/queryClient';
import { json, mockApi } from '../../test/mockApi';
import BadgeCelebration from './BadgeCelebration';
import { achievements, badge } from './fixtures.test-data';

const show = (startedAt: string) =>
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <MemoryRouter>
        <BadgeCelebration startedAt={startedAt} />
      </MemoryRouter>
    </QueryClientProvider>,
  );

describe('the celebration on a finished workout', () => {
  const badges = [
    badge({ earned: true, count: 1, last_earned_at: '2026-12-06T18:05:00Z' }),
    badge({ id: 'first_record', name: 'First record', description: 'Set your first personal record.', earned: true, count: 1, last_earned_at: '2026-11-01T10:00:00Z' }),
    badge({ id: 'plan_completed', name: 'Plan completed', repeatable: true, earned: true, count: 2, last_earned_at: '2026-12-06T18:05:00Z' }),
  ];

  it('shows the badges earned since the workout started', async () => {
    mockApi({ 'GET /me/achievements': json(200, achievements({ badges })) });
    show('2026-12-06T17:00:00Z');
    const region = await screen.findByRole('region', { name: '2 new badges!' });
    expect(within(region).getByText('First workout')).toBeInTheDocument();
    expect(within(region).getByText('×2')).toBeInTheDocument();
    expect(within(region).queryByText('First record')).toBeNull();
    expect(within(region).getByRole('link', { name: 'See all your badges' })).toHaveAttribute('href', '/profile#achievements');
  });

  it('shows nothing when the workout earned none', async () => {
    const calls = mockApi({ 'GET /me/achievements': json(200, achievements({ badges })) });
    const { container } = show('2026-12-06T19:00:00Z');
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.map((c) => c.path)).toEqual(['/me/achievements']);
    expect(container).toBeEmptyDOMElement();
  });
});
