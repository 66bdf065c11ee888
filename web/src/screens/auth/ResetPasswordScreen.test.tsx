import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, mockApi, noContent, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { tokenFromHash } from './ResetPasswordScreen';

const signedOut = { 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized') };

describe('setting a password with a link', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc-123')).toBe('abc-123');
    expect(tokenFromHash('#foo=1&token=x_y')).toBe('x_y');
    expect(tokenFromHash('')).toBe('');
  });

  it('checks both fields, shows the server’s words for a weak password, then offers to sign in', async () => {
    const calls = mockApi({
      ...signedOut,
      'POST /auth/password-reset': [
        problem(422, 'validation_failed', { errors: [{ field: 'password', code: 'invalid', message: 'This password is among the most common ones; choose another.' }] }),
        noContent(),
      ],
    });
    const app = renderApp('/reset-password#token=tok-1');
    const { user } = app;
    expect(await screen.findByRole('heading', { name: 'Set your password', level: 1 })).toBeInTheDocument();
    const password = screen.getByLabelText('New password');
    const confirm = screen.getByLabelText('Repeat the password');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findAllByText('Please fill this in.')).toHaveLength(2);

    await user.type(password, 'password123');
    await user.type(confirm, 'password124');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('The two passwords differ.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(confirm);
    await user.type(confirm, 'password123');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('This password is among the most common ones; choose another.')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');

    await user.clear(password);
    await user.clear(confirm);
    await user.type(password, 'four quiet walruses');
    await user.type(confirm, 'four quiet walruses');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('Password changed. You can sign in with it now.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    // The spent link leaves the address bar.
    expect(app.router.state.location.hash).toBe('');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { token: 'tok-1', password: 'password123' },
      { token: 'tok-1', password: 'four quiet walruses' },
    ]);
  });

  it('says clearly when the link was used, expired or is broken', async () => {
    mockApi({ ...signedOut, 'POST /auth/password-reset': problem(400, 'reset_link_invalid') });
    const { user } = renderApp('/reset-password#token=old');
    await user.type(await screen.findByLabelText('New password'), 'four quiet walruses');
    await user.type(screen.getByLabelText('Repeat the password'), 'four quiet walruses');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/This link does not work any more/)).toBeInTheDocument();
    expect(screen.getByText('Ask an administrator of the gym for a new link.')).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });

  it('needs a token, and speaks Russian', async () => {
    mockApi(signedOut);
    const { user } = renderApp('/reset-password');
    expect(await screen.findByText(/This link does not work any more/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Language'), 'ru');
    expect(await screen.findByText(/Эта ссылка больше не действует/)).toBeInTheDocument();
  });

  it('shows other failures with their message', async () => {
    mockApi({ ...signedOut, 'POST /auth/password-reset': problem(429, 'rate_limited', {}, { 'Retry-After': '30' }) });
    const { user } = renderApp('/reset-password#token=t');
    await user.type(await screen.findByLabelText('New password'), 'four quiet walruses');
    await user.type(screen.getByLabelText('Repeat the password'), 'four quiet walruses');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('Too many attempts. Try again in 30 seconds.')).toBeInTheDocument();
  });
});
