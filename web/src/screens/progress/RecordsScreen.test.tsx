import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { recordsFixture } from './fixtures.test-data';

describe('RecordsScreen', () => {
  it('lists each exercise’s bests, linking to the exercise, and filters by name', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /me/records': json(200, recordsFixture()) });
    const { user } = renderApp('/progress/records');
    expect(await screen.findByRole('heading', { name: 'Records', level: 1 })).toBeInTheDocument();
    const rows = await screen.findAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'Bench press' })).toHaveAttribute('href', '/exercises/bench-press');
    expect(rows[0]).toHaveTextContent('Estimated 1RM116.7 kg');
    expect(rows[0]).toHaveTextContent('Most reps12 reps');
    expect(rows[0]).toHaveTextContent('Last record Dec 1, 2026');
    await user.type(screen.getByLabelText('Find an exercise'), 'squ');
    expect(screen.getAllByRole('listitem').map((r) => within(r).getByRole('link').textContent)).toEqual(['Squat']);
    await user.clear(screen.getByLabelText('Find an exercise'));
    await user.type(screen.getByLabelText('Find an exercise'), 'deadlift');
    expect(screen.getByText('No exercise with records matches “deadlift”.')).toBeInTheDocument();
  });

  it('tells a member without records how to get some', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /me/records': json(200, { items: [], recent: [] }) });
    renderApp('/progress/records');
    expect(await screen.findByText(/^No records yet\. Log a workout/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Progress' })).toHaveAttribute('href', '/progress');
  });
});
