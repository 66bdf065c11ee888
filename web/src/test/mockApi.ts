import { vi } from 'vitest';
import type { Me } from '../api/types';

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Reply = Response | ((call: Call) => Response | Promise<Response>);

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const noContent = () => new Response(null, { status: 204 });

export const problem = (status: number, type: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type, title: type, status, detail: `${type} detail`, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

/**
 * Replaces fetch with a table of `"METHOD /path"` → reply (paths without /api/v1 and query).
 * Unknown routes answer 404 so a test sees what it forgot. Returns the list of calls made.
 */
export function mockApi(routes: Record<string, Reply | Reply[]>) {
  const calls: Call[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const text = input.method === 'GET' ? '' : await input.clone().text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // multipart or text body
    }
    const call = { method: input.method, path: path + url.search, headers: input.headers, body };
    calls.push(call);
    const queue = queues.get(`${input.method} ${path}`);
    if (!queue || queue.length === 0) return problem(404, 'not_found');
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    return typeof reply === 'function' ? reply(call) : reply.clone();
  });
  return calls;
}

export const instance = (over: Record<string, unknown> = {}) =>
  json(200, { name: 'Test Gym', version: '0.1.0', registration_mode: 'open', needs_setup: false, member_clubs: false, ...over });

export function makeMe(over: Partial<Me> = {}): Me {
  return {
    id: 'u1',
    username: 'alice',
    display_name: 'Alice',
    email: 'alice@example.com',
    role: 'member',
    status: 'active',
    bio: '',
    avatar_url: null as unknown as undefined,
    created_at: '2026-01-02T10:00:00Z',
    totp_enabled: false,
    preferences: { units: 'metric', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 },
    privacy: { profile_visibility: 'members', searchable: true },
    ...over,
  } as Me;
}
