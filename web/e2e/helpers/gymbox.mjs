// Starts the real gymbox binary on a free port with a fresh data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const WEB_DIR = resolve(import.meta.dirname, '../..');
export const GYMBOX_BIN = resolve(WEB_DIR, process.env.GYMBOX_BIN ?? '../target/debug/gymbox');

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

  const { url, setupCode } = await started;
  return {
    url,
    setupCode,
    dataDir,
    async stop() {
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
