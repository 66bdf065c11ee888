// The app installs as a PWA and its shell survives an offline reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';

let server;
let browser;

before(async () => {
  server = await startGymbox();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('manifest, icons and service worker make the app installable', async () => {
  const { page, context } = browser;
  await page.goto(`${server.url}/login`);
  await page.getByRole('heading', { name: 'Set up Gymbox' }).waitFor();
  await shot(page, '00-setup');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15_000 });

  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));

  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { errors } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, []);
});

test('an offline reload still shows the app shell, and /api is never cached', async () => {
  const { page, context } = browser;
  await context.setOffline(true);
  await page.reload();
  await page.getByText('Can’t reach the Gymbox server. Check your connection and try again.').waitFor();
  await page.getByRole('button', { name: 'Try again' }).waitFor();
  await shot(page, '20-offline');
  const cachedApi = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    return urls.filter((u) => new URL(u).pathname.startsWith('/api/'));
  });
  assert.deepEqual(cachedApi, []);
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Set up Gymbox' }).waitFor();
});
