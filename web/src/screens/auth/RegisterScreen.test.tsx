import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('RegisterScreen', () => {
  it('takes the invite from the link and maps server errors to fields', async () => {
    const calls = mockApi({
      'GET /instance': instance({ registration_mode: 'invite' }),
      'GET /me': problem(401, 'unauthorized'),
      'POST /auth/register': [
        problem(422, 'validation_failed', { errors: [{ field: 'username', message: 'x' }, { field: 'password', message: 'y' }] }),
        problem(403, 'invalid_invite'),
        json(201, makeMe({ username: 'bob' })),
      ],
    });
    const app = renderApp('/register?invite=ABC123');
    expect(await screen.findByLabelText('Invite code')).toHaveValue('ABC123');
    await app.user.type(screen.getByLabelText('Username'), 'b!');
    await app.user.type(screen.getByLabelText('Password'), 'short');
    await app.user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText(/Use 3–32 characters/)).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');

    await app.user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('This invite code is invalid, used up or expired.')).toBeInTheDocument();
    expect(screen.getByLabelText('Invite code')).toHaveAttribute('aria-invalid', 'true');

    await app.user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(app.path()).toBe('/login'));
    expect(await screen.findByText(/Your account is ready/)).toBeInTheDocument();
    expect(screen.getByLabelText('Username or email')).toHaveValue('bob');
    expect(calls.filter((c) => c.path === '/auth/register').at(-1)!.body).toMatchObject({ invite_code: 'ABC123', username: 'b!' });
  });

  it('says so when registration is closed and offers no form', async () => {
    mockApi({ 'GET /instance': instance({ registration_mode: 'closed' }), 'GET /me': problem(401, 'unauthorized') });
    renderApp('/register');
    expect(await screen.findByText(/Registration is closed on this server/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
  });

  it('needs no invite field in open mode', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': problem(401, 'unauthorized') });
    renderApp('/register');
    await screen.findByLabelText('Username');
    expect(screen.queryByLabelText('Invite code')).not.toBeInTheDocument();
  });
});
