import { toProblem } from './problem';
import { ApiProblem } from './problem';

/*
 * Calls to endpoints the generated OpenAPI document does not list yet, with the same rules as
 * the generated client: the CSRF header on unsafe methods, problem documents thrown as ApiProblem.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function send<T>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers = new Headers();
  if (method !== 'GET') headers.set('X-Gymbox-Csrf', '1');
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body instanceof Blob) {
    payload = body;
    headers.set('Content-Type', contentType ?? body.type);
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  const base = globalThis.location?.origin ?? '';
  let response: Response;
  try {
    response = await globalThis.fetch(new Request(`${base}/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' }));
  } catch (e) {
    throw new ApiProblem(0, 'network_error', e instanceof Error ? e.message : '');
  }
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw toProblem(data, response);
  return data as T;
}

/** `?a=1&b=x` from the defined values, or an empty string. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
