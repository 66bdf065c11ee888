import { screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../test/mockApi';
import { renderApp } from '../test/renderApp';

describe('app frame', () => {
  it('explains an unreachable server instead of a blank page', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    renderApp('/');
    expect(await screen.findByText(/Can’t reach the Gymbox server/, {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('sends a fresh server to setup', async () => {
    mockApi({ 'GET /instance': instance({ needs_setup: true }), 'GET /me': problem(401, 'unauthorized') });
    const app = renderApp('/');
    await waitFor(() => expect(app.path()).toBe('/setup'));
    expect(await screen.findByRole('heading', { name: 'Set up Gymbox' })).toBeInTheDocument();
  });

  it('sends signed-out people to sign in and remembers where they were going', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized') });
    const app = renderApp('/settings/tokens');
    await waitFor(() => expect(app.path()).toBe('/login?next=%2Fsettings%2Ftokens'));
  });

  it('greets the signed-in person in the language of their profile', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ display_name: 'Алиса', preferences: { units: 'metric', language: 'ru', timezone: 'Europe/Moscow', week_start: 'monday', weekly_target: 3 } })),
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Привет, Алиса!' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ru');
    expect(screen.getByRole('link', { name: 'Настройки' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Управление' })).not.toBeInTheDocument();
  });

  it('speaks the gym’s default language before sign-in, unless one was chosen on this device', async () => {
    mockApi({ 'GET /instance': instance({ default_language: 'ru' }), 'GET /me': problem(401, 'unauthorized') });
    const first = renderApp('/login');
    expect(await screen.findByRole('heading', { name: 'Вход' })).toBeInTheDocument();
    expect(localStorage.getItem('gymbox.language')).toBeNull();
    first.unmount();

    localStorage.setItem('gymbox.language', 'en');
    await i18n.changeLanguage('en');
    renderApp('/login');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('goes to sign-in when the session ends while the app is open', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/tokens': problem(401, 'session_expired'),
    });
    const app = renderApp('/settings/tokens');
    await waitFor(() => expect(app.path()).toBe('/login?next=%2Fsettings%2Ftokens'));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
