import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { assignableRoles, canManage } from './UserRow';

const user = (username: string, role: string, status = 'active') => ({
  id: username,
  username,
  display_name: username,
  email: null,
  role,
  status,
  created_at: '2026-01-01T00:00:00Z',
  last_login_at: null,
  totp_enabled: false,
});

describe('admin permissions', () => {
  it('never offers changes the server refuses', () => {
    const owner = { role: 'owner' as const, username: 'root' };
    const admin = { role: 'admin' as const, username: 'ann' };
    expect(canManage(owner, user('root', 'owner') as never)).toBe(false);
    expect(canManage(owner, user('ann', 'admin') as never)).toBe(true);
    expect(canManage(admin, user('adam', 'admin') as never)).toBe(false);
    expect(canManage(admin, user('bob', 'member') as never)).toBe(true);
    expect(canManage(admin, user('ANN', 'admin') as never)).toBe(false);
    expect(assignableRoles(admin)).toEqual(['member', 'coach']);
    expect(assignableRoles(owner)).toEqual(['member', 'coach', 'admin']);
  });
});

describe('AdminUsers', () => {
  it('searches by prefix, disables a user and shows refusals on the row', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'owner' })),
      'GET /admin/users': (call) =>
        json(200, {
          items: call.path.includes('q=bo') ? [user('bob', 'member')] : [user('root', 'owner'), user('bob', 'member'), user('cid', 'coach')],
          next_cursor: null,
        }),
      'PATCH /admin/users/bob': json(200, user('bob', 'member', 'disabled')),
      'PATCH /admin/users/cid': problem(403, 'forbidden'),
    });
    const app = renderApp('/admin/users');
    const row = (name: string) => document.querySelector<HTMLElement>(`li[data-username="${name}"]`);
    await waitFor(() => expect(row('cid')).not.toBeNull());
    expect(within(row('root')!).queryByRole('button')).not.toBeInTheDocument();

    await app.user.type(screen.getByLabelText('Search by username'), 'Bo');
    await waitFor(() => expect(row('cid')).toBeNull());
    expect(calls.some((c) => c.path.includes('q=bo'))).toBe(true);

    await app.user.click(within(row('bob')!).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'disabled' }));

    await app.user.clear(screen.getByLabelText('Search by username'));
    await waitFor(() => expect(row('cid')).not.toBeNull());
    await app.user.selectOptions(within(row('cid')!).getByLabelText('Role of @cid'), 'admin');
    expect(await within(row('cid')!).findByText('You are not allowed to do that.')).toBeInTheDocument();
  });
});
