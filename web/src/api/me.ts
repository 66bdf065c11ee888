import { api } from './client';
import { ApiProblem, unwrap } from './problem';
import type { Me, MePatch } from './types';

export interface MeWithEtag {
  me: Me;
  etag: string | null;
}

/** The signed-in user, or null when nobody is signed in. */
export async function getMe(): Promise<MeWithEtag | null> {
  try {
    const result = api.GET('/api/v1/me');
    const me = await unwrap(result);
    return { me, etag: (await result).response.headers.get('ETag') };
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return null;
    throw e;
  }
}

export async function patchMe(body: MePatch, etag?: string | null): Promise<MeWithEtag> {
  const result = api.PATCH('/api/v1/me', { body, headers: etag ? { 'If-Match': etag } : {} });
  const me = await unwrap(result);
  return { me, etag: (await result).response.headers.get('ETag') };
}

/** Ends every other session and, as the server does by default, every personal API token. */
export const changePassword = (current_password: string, new_password: string) =>
  unwrap(api.POST('/api/v1/me/password', { body: { current_password, new_password, keep_tokens: false } }));

export function uploadAvatar(file: File) {
  const form = new FormData();
  form.append('file', file);
  return unwrap(
    api.PUT('/api/v1/me/avatar', {
      body: { file: file as unknown as string },
      bodySerializer: () => form,
    }),
  );
}

export const deleteAvatar = () => unwrap(api.DELETE('/api/v1/me/avatar'));

// The server returns every session and token at once (no limit/cursor parameters).
export const listSessions = () => unwrap(api.GET('/api/v1/me/sessions'));
export const revokeSession = (id: string) =>
  unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } }));

export const listTokens = () => unwrap(api.GET('/api/v1/me/tokens'));
export const createToken = (name: string, expires_in_days?: number) =>
  unwrap(api.POST('/api/v1/me/tokens', { body: { name, expires_in_days } }));
export const revokeToken = (id: string) =>
  unwrap(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }));

export const startTotpSetup = (password: string) =>
  unwrap(api.POST('/api/v1/me/totp/setup', { body: { password } }));
export const enableTotp = (code: string) => unwrap(api.POST('/api/v1/me/totp/enable', { body: { code } }));
export const disableTotp = (password: string) =>
  unwrap(api.POST('/api/v1/me/totp/disable', { body: { password } }));
export const regenerateRecoveryCodes = (password: string) =>
  unwrap(api.POST('/api/v1/me/totp/recovery-codes', { body: { password } }));
