import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** Every unsafe request carries the CSRF header the server requires for cookie sessions. */
const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set('X-Gymbox-Csrf', '1');
    }
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  // Resolve fetch at call time so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrfHeader);
