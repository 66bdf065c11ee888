import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const account = (username: string, role = 'member', over: Record<string, unknown> = {}) => ({
  id: username,
  username,
  display_name: '',
  email: null,
  role,
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  last_login_at: null,
  totp_enabled: false,
  ...over,
});
const link = { url: 'http://localhost/reset-password#token=abc123', expires_at: '2026-12-04T10:00:00Z' };
const row = (name: string) => document.querySelector<HTMLElement>(`li[data-username="${name}"]`);

describe('new accounts', () => {
  it('makes an account without a password and hands over the one-time link', async () => {
    let users = [account('root', 'owner')];
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'owner' })),
      'GET /admin/users': () => json(200, { items: users, next_cursor: null }),
      'POST /admin/users': [
        problem(409, 'username_taken'),
        () => {
          users = [...users, account('mia', 'coach')];
          return json(201, { user: account('mia', 'coach'), reset_link: link });
        },
      ],
    });
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'New account' }));
    const form = screen.getByRole('form', { name: 'New account' });
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(within(form).getByLabelText('Username'), ' mia ');
    await user.type(within(form).getByLabelText('Display name (optional)'), 'Mia');
    expect(within(form).getByLabelText('Role').querySelectorAll('option')).toHaveLength(3);
    await user.selectOptions(within(form).getByLabelText('Role'), 'coach');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('This username is already taken.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Account @mia created' })).toBeInTheDocument();
    expect(screen.getByTestId('reset-link')).toHaveTextContent(link.url);
    expect(screen.getByText(/Valid until .*2026.*, for one use\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { username: 'mia', role: 'coach', display_name: 'Mia' },
      { username: 'mia', role: 'coach', display_name: 'Mia' },
    ]);
    await waitFor(() => expect(row('mia')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('reset-link')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New account' })).toBeInTheDocument();
  });

  it('takes a password when given one, and words a weak one as the server does', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'ann', role: 'admin' })),
      'GET /admin/users': json(200, { items: [], next_cursor: null }),
      'POST /admin/users': [
        problem(422, 'validation_failed', { errors: [{ field: 'password', code: 'invalid', message: 'The password must not contain the username.' }] }),
        problem(403, 'forbidden'),
        json(201, { user: account('bob'), reset_link: null }),
      ],
    });
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'New account' }));
    const form = screen.getByRole('form', { name: 'New account' });
    // An administrator makes members and coaches; only the owner makes administrators.
    expect([...within(form).getByLabelText('Role').querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Member', 'Coach']);
    await user.type(within(form).getByLabelText('Username'), 'bob');
    await user.type(within(form).getByLabelText('Email (optional)'), 'bob@example.com');
    await user.type(within(form).getByLabelText('Password (optional)'), 'bob-bob-bob-bob');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('The password must not contain the username.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('You are not allowed to do that.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('@bob can sign in with the password you chose.')).toBeInTheDocument();
    expect(screen.queryByTestId('reset-link')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ username: 'bob', role: 'member', email: 'bob@example.com', password: 'bob-bob-bob-bob' });
  });
});

describe('helping someone back in', () => {
  it('makes a password reset link, and turns off two-step verification after asking', async () => {
    let cid = account('cid', 'coach', { totp_enabled: true });
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'owner' })),
      'GET /admin/users': () => json(200, { items: [account('root', 'owner', { totp_enabled: true }), account('bob'), cid], next_cursor: null }),
      'POST /admin/users/bob/password-reset': [problem(429, 'rate_limited'), json(200, link)],
      'DELETE /admin/users/cid/totp': [
        problem(404, 'not_found'),
        () => {
          cid = { ...cid, totp_enabled: false };
          return json(200, cid);
        },
      ],
    });
    const { user } = renderApp('/admin/users');
    await waitFor(() => expect(row('cid')).not.toBeNull());
    // Nothing to do about one's own account here, and no two-step button without two-step.
    expect(within(row('root')!).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('bob')!).queryByRole('button', { name: 'Turn off two-step verification' })).not.toBeInTheDocument();

    await user.click(within(row('bob')!).getByRole('button', { name: 'Password reset link for @bob' }));
    expect(await within(row('bob')!).findByText('Too many attempts. Wait a moment and try again.')).toBeInTheDocument();
    await user.click(within(row('bob')!).getByRole('button', { name: 'Password reset link for @bob' }));
    expect(await within(row('bob')!).findByTestId('reset-link')).toHaveTextContent(link.url);
    expect(within(row('bob')!).getByText(/Earlier links stop working/)).toBeInTheDocument();
    expect(within(row('bob')!).getByText(/Valid until/)).toBeInTheDocument();

    await user.click(within(row('cid')!).getByRole('button', { name: 'Turn off two-step verification' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-step verification for @cid?' });
    await user.click(within(dialog).getByRole('button', { name: 'Turn off two-step verification' }));
    expect(await within(dialog).findByText('That no longer exists.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Turn off two-step verification' }));
    expect(await within(row('cid')!).findByText('Two-step verification is off for @cid.')).toBeInTheDocument();
    expect(within(row('cid')!).queryByRole('button', { name: 'Turn off two-step verification' })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/admin/users/cid/totp', '/admin/users/cid/totp']);
  });
});
