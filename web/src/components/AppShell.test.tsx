import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent, problem } from '../test/mockApi';
import { renderApp } from '../test/renderApp';

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });
const moreButton = () => within(mainNav()).getByRole('button', { name: 'More' });

describe('main navigation', () => {
  it('keeps four destinations and "More" for the phone bar; the rest open in a sheet', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()) });
    const app = renderApp('/');
    await screen.findByRole('heading', { name: 'Hi, Alice!' });
    const more = moreButton();
    expect(more).toHaveAttribute('aria-haspopup', 'dialog');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(more).not.toHaveClass('active');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await app.user.click(more);
    const sheet = await screen.findByRole('dialog', { name: 'More' });
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const links = within(sheet).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual(['Clubs', 'Challenges', 'Leaderboards', 'Exercises', 'Progress', 'Body', 'Coaching', 'Profile', 'Settings', 'Feedback']);
    expect(within(sheet).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();

    await app.user.click(within(sheet).getByRole('link', { name: 'Body' }));
    await waitFor(() => expect(app.path()).toBe('/body'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The section lives in the sheet, so its tab is the one marked current.
    await waitFor(() => expect(moreButton()).toHaveClass('active'));
    expect(within(mainNav()).getByRole('link', { name: 'Home' })).not.toHaveClass('active');
  });

  it('marks the current destination inside the sheet and lists Admin for administrators', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe({ role: 'admin' })) });
    const app = renderApp('/settings/preferences');
    await screen.findByRole('heading', { name: 'Preferences' });
    expect(moreButton()).toHaveClass('active');
    await app.user.click(moreButton());
    const sheet = await screen.findByRole('dialog', { name: 'More' });
    expect(within(sheet).getAllByRole('link').map((a) => a.textContent)).toEqual(['Clubs', 'Challenges', 'Leaderboards', 'Exercises', 'Progress', 'Body', 'My members', 'Coaching', 'Profile', 'Settings', 'Feedback', 'Admin']);
    expect(within(sheet).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    expect(within(sheet).getByRole('link', { name: 'Profile' })).not.toHaveAttribute('aria-current');
    await app.user.click(within(sheet).getByRole('button', { name: 'Close menu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(moreButton()).toHaveAttribute('aria-expanded', 'false');
    expect(app.path()).toBe('/settings/preferences');
  });

  it('signs out from the sheet', async () => {
    const calls = mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'POST /auth/logout': noContent() });
    const app = renderApp('/');
    await screen.findByRole('heading', { name: 'Hi, Alice!' });
    await app.user.click(moreButton());
    const sheet = await screen.findByRole('dialog', { name: 'More' });
    await app.user.click(within(sheet).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(app.path()).toBe('/login'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/auth/logout')).toBe(true);
  });

  it('counts coaching requests waiting for an answer on "More", in the sheet and on the home screen', async () => {
    const request = { id: 'r1', username: 'kim', display_name: 'Coach Kim', status: 'pending', created_at: '2026-12-01T10:00:00Z', expires_at: '2026-12-15T10:00:00Z' };
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/coaching': json(200, { as_coach: [], as_member: [request] }),
    });
    const app = renderApp('/');
    const card = await screen.findByRole('link', { name: /Coach Kim asks to coach you/ });
    expect(card).toHaveAttribute('href', '/coaching');
    // "More" keeps its name (the phone bar's helpers find it by it) and says what waits.
    await waitFor(() => expect(moreButton()).toHaveAccessibleDescription('1 coaching request waiting'));
    expect(within(moreButton()).getByText('1')).toBeInTheDocument();
    await app.user.click(moreButton());
    const sheet = await screen.findByRole('dialog', { name: 'More' });
    expect(within(sheet).getByRole('link', { name: 'Coaching (1 coaching request waiting)' })).toHaveAttribute('href', '/coaching');
  });

  it('shows no count when nothing waits or the coaching list cannot be read', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /me/coaching': problem(503, 'unavailable') });
    renderApp('/');
    await screen.findByRole('heading', { name: 'Hi, Alice!' });
    await new Promise((r) => setTimeout(r, 50));
    expect(moreButton()).not.toHaveAccessibleDescription();
    expect(screen.queryByRole('link', { name: /asks to coach you/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('is translated', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
    });
    const app = renderApp('/');
    await screen.findByRole('heading', { name: 'Привет, Alice!' });
    await app.user.click(within(screen.getByRole('navigation', { name: 'Главное меню' })).getByRole('button', { name: 'Ещё' }));
    const sheet = await screen.findByRole('dialog', { name: 'Ещё' });
    expect(within(sheet).getByRole('link', { name: 'Настройки' })).toBeInTheDocument();
    expect(within(sheet).getByRole('button', { name: 'Выйти' })).toBeInTheDocument();
  });
});
