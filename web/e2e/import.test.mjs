// Importing history on a phone against the real server: a member uploads a small Strong export
// (one exercise name the catalogue does not know, one row that cannot be read) → sees what it
// holds and the bad line → maps the unknown name by creating a private exercise → applies → the
// workouts are in her history → she undoes the import from the list and they are gone. Then she
// downloads everything as a ZIP from the app, and another member imports that Gymbox archive:
// upload progress, its parts, every exercise known, the workout arrives with its sets.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { signIn, signOut } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };
const OTHER = { username: 'ivan', password: 'member-pass-8812', name: 'Ivan', role: 'member' };
const UNKNOWN = 'Zercher Walk Deluxe';

const STRONG = [
  'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
  '2024-03-04 18:00:00,Push Day,1h 2m,Bench Press (Barbell),1,100,5,0,0,,,8',
  '2024-03-04 18:00:00,Push Day,1h 2m,Bench Press (Barbell),2,105,3,0,0,,,9',
  `2024-03-04 18:00:00,Push Day,1h 2m,${UNKNOWN},1,60,10,0,0,,,`,
  '2024-03-06 18:00:00,Leg Day,50m,Squat (Barbell),1,140,5,0,0,,,',
  '2024-03-06 18:00:00,Leg Day,50m,Squat (Barbell),2,oops,5,0,0,,,',
  '',
].join('\n');

let server;
let browser;
let page;
let sessions;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [MEMBER, OTHER]);
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const historyTitles = async () => {
  const { items } = await sessions[MEMBER.username].get('/workouts');
  return items.map((w) => w.title).sort();
};

test('the member reads a Strong export and sees what it holds, with the bad line', async () => {
  await signIn(page, server.url, MEMBER);
  await page.goto(`${server.url}/settings`);
  await page.getByRole('link', { name: /Your data/ }).click();
  await page.waitForURL(/\/settings\/import$/);
  await page.getByText(/Imported workouts are private and earn no XP/).first().waitFor();
  assert.equal(await button('kg').getAttribute('aria-pressed'), 'true', 'the member’s units are metric');
  await button('Strong').click();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'strong.csv', mimeType: 'text/csv', buffer: Buffer.from(STRONG) });
  await button('Read the file').click();
  const summary = page.getByRole('region', { name: 'What the file holds' });
  await summary.waitFor();
  await summary.getByText('2 workouts', { exact: true }).waitFor();
  await summary.getByText('4 sets', { exact: true }).waitFor();
  await summary.getByText(/^From Mar 4, 2024 to Mar 6, 2024$/).waitFor();
  // The unreadable rows are listed by line, folded until asked for.
  assert.equal(await summary.getByText("'oops' is not a number").isVisible(), false);
  await summary.getByText('1 row could not be read', { exact: true }).click();
  await summary.getByText('Line 6', { exact: true }).waitFor();
  await summary.getByText("'oops' is not a number").waitFor();
  // The draft is listed below, not applied yet.
  await page.getByRole('region', { name: 'Past imports' }).getByText('Not applied', { exact: true }).waitFor();
  await shot(page, 'import-01-summary');
  assert.deepEqual(await accessibilityProblems(page), [], 'the summary');
  assert.deepEqual(await historyTitles(), [], 'a dry run writes nothing');
});

test('she maps the unknown name by creating a private exercise and applies', async () => {
  await button('Next').click();
  await page.getByText('1 name needs a choice.', { exact: true }).waitFor();
  // Applying before choosing is refused on the page.
  await button('Import').click();
  await page.getByText('Some names still need a choice.', { exact: true }).waitFor();
  await page.getByLabel(`Exercise for “${UNKNOWN}”`, { exact: true }).selectOption('create');
  await page.getByLabel(`Main muscle of “${UNKNOWN}”`, { exact: true }).selectOption('quadriceps');
  await shot(page, 'import-02-mapping');
  assert.deepEqual(await accessibilityProblems(page), [], 'the mapping step');
  // In a dark room too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'import-02-mapping-dark');
  assert.deepEqual(await accessibilityProblems(page), [], 'the mapping step in dark mode');
  await page.emulateMedia({ colorScheme: 'light' });
  await button('Import').click();
  const done = page.getByRole('region', { name: 'History imported' });
  await done.getByText('2 workouts imported', { exact: true }).waitFor();
  await shot(page, 'import-03-done');
  const mine = await sessions[MEMBER.username].get(`/exercises?q=${encodeURIComponent(UNKNOWN)}`);
  assert.ok(
    mine.items.some((e) => e.name_en === UNKNOWN && e.primary.includes('quadriceps')),
    'the private exercise exists with its main muscle',
  );
});

test('the workouts are in her history', async () => {
  await page.getByRole('link', { name: 'See your history', exact: true }).click();
  await page.waitForURL(/\/workouts$/);
  await page.getByRole('link', { name: /Push Day/ }).waitFor();
  await page.getByRole('link', { name: /Leg Day/ }).waitFor();
  assert.deepEqual(await historyTitles(), ['Leg Day', 'Push Day']);
});

test('she undoes the import and the workouts are gone', async () => {
  await page.goto(`${server.url}/settings/import`);
  const past = page.getByRole('region', { name: 'Past imports' });
  await past.getByText('Imported', { exact: true }).waitFor();
  // Six formats fit the phone's width (they wrap): nothing to scroll sideways, so the dialog
  // below opens in view.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  await past.getByRole('button', { name: 'Undo', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the import of “strong.csv”?' });
  await dialog.getByText(/The 2 workouts it created are deleted from your history/).waitFor();
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByText('Import undone.', { exact: true }).waitFor();
  await past.getByText('Undone', { exact: true }).waitFor();
  assert.deepEqual(await historyTitles(), [], 'every imported workout was deleted');
  await page.goto(`${server.url}/workouts`);
  await page.getByText('No workouts yet. Start one from the home screen.').waitFor();
  assert.deepEqual(browser.errors, []);
});

test('her whole account downloads as a ZIP that another member imports as a Gymbox archive', async () => {
  const mia = sessions[MEMBER.username];
  const w = await mia.post('/workouts', { title: 'Garage session', notes: 'Cold in there', started_at: '2026-11-02T17:00:00Z', visibility: 'followers' });
  await mia.post(`/workouts/${w.id}/sets`, { exercise_id: 'barbell-back-squat', kind: 'warmup', reps: 8, weight_kg: 60, completed_at: '2026-11-02T17:05:00Z' });
  await mia.post(`/workouts/${w.id}/sets`, { exercise_id: 'barbell-back-squat', reps: 5, weight_kg: 120.5, rpe: 8.5, completed_at: '2026-11-02T17:10:00Z' });
  await mia.patch(`/workouts/${w.id}`, { finished_at: '2026-11-02T18:00:00Z' });
  await mia.post('/me/body-metrics', { kind: 'weight', value: 71.5 });
  await page.goto(`${server.url}/settings/import`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download everything', exact: true }).click()]);
  const zip = await download.path();
  assert.ok(zip, 'the ZIP was saved');
  await signOut(page);

  await signIn(page, server.url, OTHER);
  await page.goto(`${server.url}/settings/import`);
  await button('Gymbox export (.zip)').click();
  assert.equal(await button('kg').count(), 0, 'an archive says its units');
  await page.getByLabel('ZIP file', { exact: true }).setInputFiles(zip);
  await button('Read the file').click();
  const summary = page.getByRole('region', { name: 'What the file holds' });
  await summary.getByText('1 workout', { exact: true }).waitFor();
  await summary.getByText('2 sets', { exact: true }).waitFor();
  await summary.getByText('1 measurement', { exact: true }).waitFor();
  // Her private exercise from the CSV import comes along.
  await summary.getByText('1 own exercise', { exact: true }).waitFor();
  await shot(page, 'import-04-archive-summary');
  assert.deepEqual(await accessibilityProblems(page), [], 'the archive summary');
  await button('Next').click();
  await page.getByText('Every exercise of the file is known: nothing to choose.', { exact: true }).waitFor();
  // Ivan keeps his own name and settings.
  await page.getByRole('checkbox', { name: /Also take over the profile of “Mia”/ }).uncheck();
  assert.deepEqual(await accessibilityProblems(page), [], 'the archive apply step');
  await button('Import').click();
  const done = page.getByRole('region', { name: 'History imported' });
  await done.getByText(/^1 workout imported, 1 exercise created, 0 plans, 1 measurement$/).waitFor();
  await shot(page, 'import-05-archive-done');
  const ivan = sessions[OTHER.username];
  const { items } = await ivan.get('/workouts');
  assert.deepEqual(
    items.map((x) => [x.title, x.set_count, x.visibility]),
    [['Garage session', 2, 'followers']],
  );
  const me = await ivan.get('/me');
  assert.equal(me.display_name, 'Ivan', 'the profile stayed his');
  assert.deepEqual(browser.errors, []);
});
