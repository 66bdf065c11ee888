// Serves ../web-dist from disk in front of a gymbox binary whose embedded web app is older
// (GYMBOX_E2E_WEB_DIST=1): /api, /healthz and /metrics go to the binary; every other path is a
// file of web-dist or, like the binary's SPA handler, index.html. Headers follow the binary's
// (security headers copied from its answer for "/", cache rules as in src/web.rs). Requests keep
// their Host header, so the server's same-origin checks see the origin the browser used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const cacheControl = (path) =>
  path.startsWith('assets/')
    ? 'public, max-age=31536000, immutable'
    : path.endsWith('.html') || path === 'sw.js' || path.startsWith('workbox-') || path.endsWith('.webmanifest')
      ? 'no-cache'
      : 'public, max-age=3600';

const toBinary = (path) => path.startsWith('/api/') || path === '/api' || path.startsWith('/healthz') || path.startsWith('/metrics');

/** @returns {Promise<{url: string, close: () => Promise<void>}>} */
export async function serveWebDistInFront(binaryUrl, dir) {
  const target = new URL(binaryUrl);
  const shell = await fetch(`${binaryUrl}/`);
  const security = {};
  // Only the security headers: how the binary encoded its answer (gzip) is not how files go out here.
  const own = ['content-type', 'content-length', 'content-encoding', 'vary', 'etag', 'cache-control', 'date', 'connection', 'keep-alive', 'transfer-encoding'];
  for (const [k, v] of shell.headers) {
    if (!own.includes(k)) security[k] = v;
  }
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (toBinary(path)) {
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    let file = normalize(decodeURIComponent(path)).replace(/^\/+/, '');
    if (file.startsWith('..') || !file || !existsSync(join(dir, file)) || statSync(join(dir, file)).isDirectory()) file = 'index.html';
    const body = readFileSync(join(dir, file));
    res.writeHead(200, {
      ...security,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl(file),
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  console.log(`# serving ../web-dist in front of ${binaryUrl} (GYMBOX_E2E_WEB_DIST=1)`);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
