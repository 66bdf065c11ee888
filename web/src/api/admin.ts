import { api } from './client';
import { unwrap } from './problem';
import type { InviteCreate, RegistrationMode, Role, UserStatus } from './types';

export const listUsers = (q: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/admin/users', { params: { query: { q: q || undefined, cursor, limit: 50 } } }));
export const updateUser = (username: string, body: { role?: Role; status?: UserStatus }) =>
  unwrap(api.PATCH('/api/v1/admin/users/{username}', { params: { path: { username } }, body }));
export const deleteUser = (username: string) =>
  unwrap(api.DELETE('/api/v1/admin/users/{username}', { params: { path: { username } } }));

export const listInvites = (cursor?: string) =>
  unwrap(api.GET('/api/v1/admin/invites', { params: { query: { cursor, limit: 50 } } }));
export const createInvite = (body: InviteCreate) => unwrap(api.POST('/api/v1/admin/invites', { body }));
export const revokeInvite = (code: string) =>
  unwrap(api.DELETE('/api/v1/admin/invites/{code}', { params: { path: { code } } }));

export const getAdminSettings = () => unwrap(api.GET('/api/v1/admin/settings'));
export const setRegistrationMode = (registration_mode: RegistrationMode) =>
  unwrap(api.PATCH('/api/v1/admin/settings', { body: { registration_mode } }));
