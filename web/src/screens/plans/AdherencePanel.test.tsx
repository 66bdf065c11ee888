import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { exercise } from '../exercises/fixtures.test-data';
import { adherenceFixture } from '../progress/fixtures.test-data';

const summary = { id: 'p1', title: '5x5', owner_id: 'c1', visibility: 'members', goal: 'strength', tags: [], updated_at: '2026-11-01T10:00:00Z' };
const assignment = { id: 'a1', plan: summary, coach: 'kim', member: 'alice', start_date: '2026-11-23', days_done: 5, created_at: '2026-11-20T10:00:00Z' };

describe('planned vs done', () => {
  it('shows the member each week’s planned and done workouts and, set by set, target against actual', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /plans': json(200, { items: [], next_cursor: null }),
      'GET /me/assignments': json(200, { items: [assignment], next_cursor: null }),
      'GET /assignments/a1/adherence': json(200, adherenceFixture()),
      'GET /exercises/squat': json(200, exercise('squat', 'Squat (Barbell)', 'Присед со штангой')),
    });
    const { user } = renderApp('/plans');
    await user.click(await screen.findByRole('tab', { name: 'Assigned to me' }));
    const toggle = await screen.findByRole('button', { name: 'Planned vs done' });
    expect(calls.some((c) => c.path.includes('adherence'))).toBe(false);
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByText('5 of 6 planned workouts done')).toBeInTheDocument();
    expect(screen.getByText('Week of Nov 30, 2026')).toBeInTheDocument();
    expect(screen.getByText('2 of 3')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Day B · Dec 1, 2026' })).toHaveAttribute('href', '/workouts/w9');
    const table = await screen.findByRole('table', { name: 'Squat (Barbell)' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '1Set 15 reps · 100 kg100 kg × 5 ✓on target',
      '2Set 25 reps · 100 kg100 kg × 4 ↓short of target',
      '3Set 35 reps · 100 kgnot done',
    ]);
  });

  it('is offered to the coach who made the assignment, in Russian', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ id: 'c1', username: 'kim', role: 'coach', preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /plans/p1': json(200, { ...summary, description: '', created_at: '2026-11-01T10:00:00Z', version: 1, weeks: [{ days: [{ name: 'Day A', notes: '', exercises: [] }] }] }),
      'GET /plans/p1/assignments': json(200, { items: [assignment], next_cursor: null }),
      'GET /assignments/a1/adherence': json(200, adherenceFixture()),
      'GET /exercises/squat': json(200, exercise('squat', 'Squat (Barbell)', 'Присед со штангой')),
    });
    const { user } = renderApp('/plans/p1');
    await user.click(await screen.findByRole('button', { name: 'План и факт для @alice' }));
    expect(await screen.findByText('Сделано 5 из 6 запланированных тренировок')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('table', { name: 'Присед со штангой' })).toBeInTheDocument());
    expect(screen.getByText('не сделан')).toBeInTheDocument();
  });
});
