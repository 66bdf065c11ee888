import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const request = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  username: 'kim',
  display_name: 'Coach Kim',
  status: 'pending',
  created_at: '2026-12-01T10:00:00Z',
  since: null,
  expires_at: '2026-12-15T10:00:00Z',
  ...over,
});
const active = (over: Record<string, unknown> = {}) => request({ status: 'active', since: '2026-12-02T10:00:00Z', expires_at: null, ...over });
const mine = (as_member: unknown[], as_coach: unknown[] = []) => json(200, { as_coach, as_member });

describe('coaching, the member’s side', () => {
  it('accepts a coach’s request, after saying what the coach will see', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': [mine([request()]), mine([active()])],
      'POST /coaching/requests/r1/accept': json(200, { id: 'r1', status: 'active' }),
    });
    const { user } = renderApp('/coaching');
    const requests = await screen.findByRole('region', { name: 'Requests' });
    expect(within(requests).getByRole('link', { name: 'Coach Kim' })).toHaveAttribute('href', '/u/kim');
    expect(within(requests).getByText('Asks to coach you')).toBeInTheDocument();
    expect(within(requests).getByText('Expires Dec 15, 2026')).toBeInTheDocument();
    expect(within(requests).getByText('If you accept, @kim can assign you plans and see all your workouts and training stats.')).toBeInTheDocument();
    expect(screen.getByText('You have no coach. When a coach asks to coach you, the request shows up here.')).toBeInTheDocument();

    await user.click(within(requests).getByRole('button', { name: 'Accept @kim as your coach' }));
    expect(await screen.findByText('@kim is now your coach.')).toBeInTheDocument();
    const coaches = screen.getByRole('region', { name: 'Your coaches' });
    expect(await within(coaches).findByText('Coaching you since Dec 2, 2026')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Requests' })).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/coaching/requests/r1/accept']);
  });

  it('declines a request', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': [mine([request()]), mine([])],
      'POST /coaching/requests/r1/decline': noContent(),
    });
    const { user } = renderApp('/coaching');
    await user.click(await screen.findByRole('button', { name: 'Decline the request from @kim' }));
    expect(await screen.findByText('You declined the request from @kim.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Requests' })).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'POST' && c.path === '/coaching/requests/r1/decline')).toBe(true);
  });

  it('ends coaching only after a confirmation that explains the coach loses access', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': [mine([active()]), mine([])],
      'DELETE /coaching/r1': noContent(),
    });
    const { user } = renderApp('/coaching');
    const coaches = await screen.findByRole('region', { name: 'Your coaches' });
    await user.click(await within(coaches).findByRole('button', { name: 'End coaching with @kim' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop @kim coaching you?' });
    expect(within(dialog).getByText(/@kim loses access to your private workouts and training stats at once/)).toBeInTheDocument();
    // Cancelling sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await user.click(within(coaches).getByRole('button', { name: 'End coaching with @kim' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'End coaching' }));
    expect(await screen.findByText('@kim no longer coaches you.')).toBeInTheDocument();
    expect(await within(coaches).findByText(/^You have no coach/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/coaching/r1']);
  });

  it('shows the server’s reason when an answer is refused, and keeps the request', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': mine([request()]),
      'POST /coaching/requests/r1/accept': problem(409, 'coaching_active'),
    });
    const { user } = renderApp('/coaching');
    await user.click(await screen.findByRole('button', { name: 'Accept @kim as your coach' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This coaching is already active.');
    expect(screen.getByRole('region', { name: 'Requests' })).toBeInTheDocument();
  });

  it('says when the list cannot be loaded and tries again', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': [problem(503, 'unavailable'), mine([active()])],
    });
    const { user } = renderApp('/coaching');
    expect(await screen.findByText('The server is busy or starting up. Try again in a moment.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'End coaching with @kim' })).toBeInTheDocument();
  });

  it('is translated', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
      'GET /me/coaching': mine([request(), active({ id: 'r2', username: 'ann', display_name: 'Ann' })]),
    });
    renderApp('/coaching');
    expect(await screen.findByRole('heading', { name: 'Мои тренеры', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Принять @kim как тренера' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Прекратить тренерство с @ann' })).toBeInTheDocument();
  });
});
