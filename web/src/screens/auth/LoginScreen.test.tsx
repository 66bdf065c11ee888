import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const signedIn = () => json(200, { token: 't', expires_at: '2030-01-01T00:00:00Z', user: makeMe() });

describe('LoginScreen', () => {
  it('asks for a code when the server requires two-step verification', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': [problem(401, 'unauthorized'), json(200, makeMe())],
      'POST /auth/login': [problem(401, 'totp_required'), problem(401, 'invalid_totp'), signedIn()],
    });
    const app = renderApp('/login?next=/settings');
    await app.user.type(await screen.findByLabelText('Username or email'), 'alice');
    await app.user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText('Code');
    expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await app.user.type(code, '000000');
    await app.user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText(/That code is not right/)).toBeInTheDocument();
    expect(code).toHaveAttribute('aria-invalid', 'true');

    await app.user.clear(code);
    await app.user.type(code, '123 456');
    await app.user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(app.path()).toBe('/settings'));
    const logins = calls.filter((c) => c.path === '/auth/login');
    expect(logins.map((c) => (c.body as { totp_code?: string }).totp_code)).toEqual([undefined, '000000', '123456']);
  });

  it('shows wrong credentials next to the password and disabled accounts on the form', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': problem(401, 'unauthorized'),
      'POST /auth/login': [problem(401, 'invalid_credentials'), problem(403, 'account_disabled')],
    });
    const app = renderApp('/login');
    await app.user.type(await screen.findByLabelText('Username or email'), 'bob');
    await app.user.type(screen.getByLabelText('Password'), 'nope-nope-nope');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong username, email or password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');

    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/This account has been disabled/)).toBeInTheDocument();
  });

  it('checks required fields before sending anything', async () => {
    const calls = mockApi({ 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized') });
    const app = renderApp('/login');
    await app.user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getAllByText('Please fill this in.')).toHaveLength(2);
    expect(calls.some((c) => c.path === '/auth/login')).toBe(false);
  });
});
