// Starts the real gymbox binary on a free port with a fresh data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { serveWebDistInFront } from './webdist.mjs';

const WEB_DIR = resolve(import.meta.dirname, '../..');
export const GYMBOX_BIN = resolve(WEB_DIR, process.env.GYMBOX_BIN ?? '../target/debug/gymbox');
const WEB_DIST = resolve(WEB_DIR, '../web-dist');

/**
 * The binary embeds web-dist when it is compiled; tests of a newer web app need a newer binary.
 * Fails with what to do when they differ, unless GYMBOX_E2E_WEB_DIST=1 asks to serve
 * ../web-dist from disk in front of the binary (its API and headers stay the binary's).
 */
async function checkEmbeddedWebApp(url) {
  const scripts = (html) => [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]).join(' ');
  const embedded = scripts(await (await fetch(`${url}/`)).text());
  const built = scripts(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'));
  if (embedded === built) return null;
  if (process.env.GYMBOX_E2E_WEB_DIST === '1') return serveWebDistInFront(url, WEB_DIST);
  throw new Error(
    `${GYMBOX_BIN} embeds an older web app (${embedded}) than ../web-dist (${built}). ` +
      'Rebuild it after `npm run build` (cargo build), or set GYMBOX_E2E_WEB_DIST=1 to serve ../web-dist in front of it.',
  );
}

/** @returns {Promise<{url: string, setupCode: string | null, stop: () => Promise<void>}>} */
export async function startGymbox() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gymbox-e2e-data-'));
  const child = spawn(GYMBOX_BIN, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise((res) => child.once('exit', res));

  const started = new Promise((res, rej) => {
    let url = null;
    let setupCode = null;
    let grace = null;
    const timer = setTimeout(() => rej(new Error(`gymbox did not start in 20 s\n${stderr}`)), 20_000);
    const done = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      res({ url, setupCode });
    };
    child.once('error', (e) => rej(new Error(`cannot run ${GYMBOX_BIN}: ${e.message} (set GYMBOX_BIN or run cargo build)`)));
    child.once('exit', (code) => rej(new Error(`gymbox exited early with ${code}\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const address = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (address && !url) {
        url = address[1];
        // A server that already has an owner prints no setup code.
        grace = setTimeout(done, 1000);
      }
      const code = line.match(/^setup code: (\S+)/);
      if (code) {
        setupCode = code[1];
        if (url) done();
      }
    });
  });

  const { url: serverUrl, setupCode } = await started;
  let front = null;
  try {
    front = await checkEmbeddedWebApp(serverUrl);
  } catch (e) {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: front?.url ?? serverUrl,
    setupCode,
    dataDir,
    async stop() {
      await front?.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timeout);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
