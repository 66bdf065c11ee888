import { describe, expect, it } from 'vitest';
import { login } from './auth';
import { getMe } from './me';
import { ApiProblem, toProblem } from './problem';
import { json, makeMe, mockApi, problem } from '../test/mockApi';

describe('toProblem', () => {
  it('reads type, detail, field errors and Retry-After', () => {
    const p = toProblem(
      { type: 'validation_failed', title: 'Invalid', status: 422, detail: 'bad', errors: [{ field: 'username', message: 'too short' }] },
      new Response(null, { status: 422, headers: { 'Retry-After': '7' } }),
    );
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.type).toBe('validation_failed');
    expect(p.errors).toEqual([{ field: 'username', code: 'invalid', message: 'too short' }]);
    expect(p.retryAfter).toBe(7);
  });

  it('carries the machine-readable code of each field error', () => {
    const p = toProblem(
      {
        type: 'validation_failed',
        status: 422,
        errors: [
          { field: 'username', code: 'unknown_user', message: 'There is no member with that username.' },
          { field: 'start_date', code: 'invalid', message: 'Use YYYY-MM-DD.' },
          { field: 'title', message: 'older servers send no code' },
          { message: 'no field: dropped' },
        ],
      },
      new Response(null, { status: 422 }),
    );
    expect(p.errors.map((e) => [e.field, e.code])).toEqual([
      ['username', 'unknown_user'],
      ['start_date', 'invalid'],
      ['title', 'invalid'],
    ]);
  });

  it('takes the last segment of URI types and falls back on the status', () => {
    expect(toProblem({ type: 'https://gymbox.example/problems/username_taken' }, new Response(null, { status: 409 })).type).toBe('username_taken');
    expect(toProblem('Forbidden', new Response(null, { status: 403 })).type).toBe('forbidden');
    expect(toProblem({ type: 'about:blank' }, new Response(null, { status: 503 })).type).toBe('server_error');
  });
});

describe('api client', () => {
  it('sends the CSRF header on unsafe requests only', async () => {
    const calls = mockApi({
      'GET /me': json(200, makeMe(), { ETag: '"v1"' }),
      'POST /auth/login': json(200, { token: 't', expires_at: '2030-01-01T00:00:00Z', user: makeMe() }),
    });
    const me = await getMe();
    expect(me?.etag).toBe('"v1"');
    await login({ login: 'alice', password: 'secret-password' });
    expect(calls[0]!.headers.get('X-Gymbox-Csrf')).toBeNull();
    expect(calls[1]!.headers.get('X-Gymbox-Csrf')).toBe('1');
    expect(calls[1]!.body).toEqual({ login: 'alice', password: 'secret-password' });
  });

  it('treats 401 on /me as signed out and throws problems otherwise', async () => {
    mockApi({ 'GET /me': problem(401, 'unauthorized') });
    expect(await getMe()).toBeNull();
    mockApi({ 'POST /auth/login': problem(403, 'account_disabled') });
    await expect(login({ login: 'bob', password: 'x' })).rejects.toMatchObject({ status: 403, type: 'account_disabled' });
  });

  it('turns a failed fetch into a network_error problem', async () => {
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(login({ login: 'a', password: 'b' })).rejects.toMatchObject({ status: 0, type: 'network_error' });
  });
});
