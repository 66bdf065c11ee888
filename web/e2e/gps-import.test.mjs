// Importing a GPS activity on a phone against the real server: a member uploads a GPX file of a
// run (with times and elevations) → sees one workout with one route → applies → opens the
// workout from her history and sees the route drawn with its distance, time, pace and climb →
// downloads it as GPX again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { signIn } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };

/** A 30-minute run of 361 points (one each 5 s): a loop around a park, climbing 36 m. */
function gpx() {
  const start = Date.parse('2026-05-01T07:00:00Z');
  const points = [];
  for (let i = 0; i <= 360; i++) {
    const a = (i / 360) * 2 * Math.PI;
    const lat = 55.75 + 0.012 * Math.sin(a);
    const lon = 37.6 + 0.02 * Math.cos(a) - 0.02;
    const ele = 140 + (i <= 180 ? i / 5 : (360 - i) / 5);
    const time = new Date(start + i * 5000).toISOString();
    points.push(`<trkpt lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"><ele>${ele.toFixed(1)}</ele><time>${time}</time></trkpt>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>Park loop</name><type>running</type><trkseg>
${points.join('\n')}
</trkseg></trk></gpx>
`;
}

let server;
let browser;
let page;
let sessions;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [MEMBER]);
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });

test('the member reads a GPX file: one workout with its route', async () => {
  await signIn(page, server.url, MEMBER);
  await page.goto(`${server.url}/settings/import`);
  await button('GPX').click();
  await page.getByText(/Each track becomes a cardio workout with its route/).waitFor();
  assert.equal(await page.getByText('Weights in the file').count(), 0, 'GPS files need no weight unit');
  await page.getByLabel('Activity file', { exact: true }).setInputFiles({ name: 'park.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx()) });
  await button('Read the file').click();
  const summary = page.getByRole('region', { name: 'What the file holds' });
  await summary.getByText('1 workout', { exact: true }).waitFor();
  await summary.getByText('1 GPS route', { exact: true }).waitFor();
  await summary.getByText('Every row could be read.', { exact: true }).waitFor();
  await shot(page, 'gps-import-01-summary');
  assert.deepEqual(await accessibilityProblems(page), [], 'the summary');
});

test('she applies it: running is matched by itself', async () => {
  await button('Next').click();
  await page.getByText('Matched', { exact: true }).first().waitFor();
  await button('Import').click();
  await page.getByRole('region', { name: 'History imported' }).getByText('1 workout imported', { exact: true }).waitFor();
  const { items } = await sessions[MEMBER.username].get('/workouts');
  assert.deepEqual(
    items.map((w) => [w.title, w.duration_s]),
    [['Park loop', 1800]],
  );
});

test('the workout shows the route drawn, with distance, time, pace and climb', async () => {
  await page.getByRole('link', { name: 'See your history', exact: true }).click();
  await page.getByRole('link', { name: /Park loop/ }).click();
  await page.waitForURL(/\/workouts\/[^/]+$/);
  const card = page.getByTestId('route-card');
  await card.waitFor();
  const drawing = card.getByRole('img', { name: 'The route, drawn from its 361 points' });
  await drawing.waitFor();
  const d = await drawing.locator('path').getAttribute('d');
  assert.equal(d.split('L').length, 361, 'every point drawn');
  const text = await card.innerText();
  assert.match(text, /Distance\s+\d+(\.\d+)? km/);
  assert.match(text, /Moving time\s+30:00/);
  assert.match(text, /Pace\s+\d+:\d\d \/km/);
  assert.match(text, /Climb\s+36 m/);
  await shot(page, 'gps-import-02-route');
  assert.deepEqual(await accessibilityProblems(page), [], 'the workout with its route');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'gps-import-02-route-dark');
  assert.deepEqual(await accessibilityProblems(page), [], 'the route in dark mode');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the route downloads as GPX', async () => {
  const link = page.getByTestId('route-card').getByRole('link', { name: 'Download GPX', exact: true });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/v1\/workouts\/[^/]+\/track\.gpx$/);
  const res = await page.request.get(`${server.url}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/gpx\+xml/);
  const body = await res.text();
  assert.match(body, /<name>Park loop<\/name>/);
  assert.equal(body.match(/<trkpt /g).length, 361);
});
