// Reports and moderation, on a phone against the real server: Anna reports Bob's workout from
// its page (her own content cannot be reported) and one of his comments → the owner opens
// Admin → Reports, sees what was reported, why and by whom, refuses to warn without a note, then
// hides both with a note → the workout and the comment are gone for Anna, Bob is told with the
// note, and the audit log shows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav } from './helpers/nav.mjs';
import { signIn as signInAs, signOut as signOutOf } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const ANNA = { username: 'anna', password: 'member-pass-3141', name: 'Anna', role: 'member' };
const BOB = { username: 'bob', password: 'member-pass-2653', name: 'Bob', role: 'member' };
const NOTE = 'Advertising is not allowed in the gym’s workouts.';

let server;
let browser;
let page;
let sessions;
let workout;
let tempo;
const SPAM = 'Use code BOB10 for 10% off at bob.example';

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [ANNA, BOB]);
  const api = sessions[BOB.username];
  const [exercise] = (await api.get('/exercises?q=squat&limit=1')).items;
  workout = await api.post('/workouts', { title: 'Buy my protein at bob.example', started_at: minutesAgo(65), visibility: 'members' });
  await api.post(`/workouts/${workout.id}/sets`, { exercise_id: exercise.id, weight_kg: 100, reps: 5, completed_at: minutesAgo(40) });
  await api.patch(`/workouts/${workout.id}`, { finished_at: minutesAgo(2) });
  tempo = await api.post('/workouts', { title: 'Tempo squats', started_at: minutesAgo(200), finished_at: minutesAgo(150), visibility: 'members' });
  await api.post(`/workouts/${tempo.id}/comments`, { body: SPAM });
  await api.post(`/workouts/${tempo.id}/comments`, { body: 'Felt heavy today.' });
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function minutesAgo(m) {
  return new Date(Date.now() - m * 60_000).toISOString();
}
const button = (name) => page.getByRole('button', { name, exact: true });
const signIn = (user) => signInAs(page, server.url, user);
const signOut = () => signOutOf(page);

test('Anna reports Bob’s workout from its page', async () => {
  await signIn(ANNA);
  await page.goto(`${server.url}/workouts/${workout.id}`);
  await page.getByRole('heading', { name: workout.title, level: 1 }).waitFor();
  await page.getByRole('button', { name: `Report the workout “${workout.title}”` }).click();
  const dialog = page.getByRole('dialog', { name: `Report the workout “${workout.title}”` });
  await dialog.waitFor();
  // A reason is needed first.
  await dialog.getByRole('button', { name: 'Send report', exact: true }).click();
  await dialog.getByText('Pick a reason.').waitFor();
  await dialog.getByRole('radio', { name: /^Spam/ }).check();
  await dialog.getByLabel('Details (optional)').fill('The title is an advert.');
  await shot(page, 'moderation-01-report-dialog');
  assert.deepEqual(await accessibilityProblems(page), [], 'the report dialog');
  await dialog.getByRole('button', { name: 'Send report', exact: true }).click();
  await dialog.getByText('Thanks — the gym’s administrators will look at it.').waitFor();
  await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Her own workout cannot be reported: no button, and the server refuses it too.
  const own = await sessions[ANNA.username].post('/workouts', { title: 'Mine', started_at: minutesAgo(30), finished_at: minutesAgo(1), visibility: 'members' });
  await assert.rejects(sessions[ANNA.username].post('/reports', { kind: 'workout', id: own.id, reason: 'spam' }), /422.*own_item/);
  await page.goto(`${server.url}/workouts/${own.id}`);
  await page.getByRole('heading', { name: 'Mine', level: 1 }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Report/ }).count(), 0);
});

test('Anna reports one of Bob’s comments', async () => {
  await page.goto(`${server.url}/workouts/${tempo.id}#comments`);
  const comments = page.getByRole('region', { name: '2 comments' });
  const spam = comments.getByRole('listitem').filter({ hasText: SPAM });
  await spam.getByRole('button', { name: `Report the comment by ${BOB.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Report the comment by ${BOB.name}` });
  await dialog.getByRole('radio', { name: /^Spam/ }).check();
  await dialog.getByRole('button', { name: 'Send report', exact: true }).click();
  await dialog.getByText('Thanks — the gym’s administrators will look at it.').waitFor();
  await dialog.getByRole('button', { name: 'Done', exact: true }).click();
});

test('the owner hides both from Admin → Reports, with a note', async () => {
  await signOut();
  await signIn(OWNER);
  await goToNav(page, 'Admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Reports', exact: true }).click();
  const queue = page.getByRole('list', { name: 'Open reports' });
  const item = queue.getByRole('listitem').filter({ hasText: workout.title });
  await item.getByRole('link', { name: `Workout: ${workout.title}` }).waitFor();
  await item.getByText('Spam', { exact: true }).waitFor();
  await item.getByText('The title is an advert.').waitFor();
  await item.getByRole('link', { name: ANNA.name, exact: true }).waitFor();
  await item.getByRole('link', { name: BOB.name, exact: true }).waitFor();
  await shot(page, 'moderation-02-reports-queue');
  assert.deepEqual(await accessibilityProblems(page), [], 'the reports queue');

  // Warning needs a note the member is shown.
  await item.getByRole('radio', { name: /^Warn/ }).check();
  await item.getByRole('button', { name: 'Resolve', exact: true }).click();
  await item.getByText('Write a note: the member is shown why.').waitFor();

  await item.getByRole('radio', { name: /^Hide/ }).check();
  await item.getByLabel('Note to the member').fill(NOTE);
  await item.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByText(`Hidden: “${workout.title}”.`).waitFor();

  const comment = queue.getByRole('listitem').filter({ hasText: SPAM });
  await comment.getByRole('heading', { name: 'Comment', exact: true }).waitFor();
  await comment.getByRole('radio', { name: /^Hide/ }).check();
  await comment.getByLabel('Note to the member').fill(NOTE);
  await comment.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByText(`Hidden: “${SPAM}”.`).waitFor();
  await page.getByText('No open reports. Nothing to look at.').waitFor();

  await button('Resolved').click();
  const resolved = page.getByRole('list', { name: 'Resolved reports' });
  await resolved.getByText(/^Hidden by Olga Owner/).nth(1).waitFor();
  assert.equal(await resolved.getByText(/^Hidden by Olga Owner/).count(), 2);
  assert.equal(await resolved.getByText(`Note: ${NOTE}`).count(), 2);

  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log', exact: true }).click();
  const entries = page.getByRole('listitem').filter({ hasText: 'hid content of' });
  await entries.nth(1).waitFor();
  assert.equal(await entries.count(), 2);
  await entries.first().getByRole('link', { name: BOB.name, exact: true }).waitFor();
  await entries.first().getByText(`Note: ${NOTE}`).waitFor();
  await shot(page, 'moderation-03-audit-log');
  assert.deepEqual(await accessibilityProblems(page), [], 'the audit log');
});

test('the workout and the comment are gone for Anna, and Bob is told why', async () => {
  await signOut();
  await signIn(ANNA);
  await page.goto(`${server.url}/workouts/${workout.id}`);
  await page.getByRole('heading', { name: 'Workout not found', level: 1 }).waitFor();
  const bobs = await sessions[ANNA.username].get(`/users/${BOB.username}/workouts`);
  assert.deepEqual(bobs.items.map((w) => w.title), ['Tempo squats'], 'no longer among Bob’s workouts Anna sees');

  await page.goto(`${server.url}/workouts/${tempo.id}#comments`);
  const comments = page.getByRole('region', { name: '1 comment' });
  await comments.getByText('Felt heavy today.').waitFor();
  assert.equal(await page.getByText(SPAM).count(), 0);

  const { items } = await sessions[BOB.username].get('/notifications');
  const hidden = items.filter((n) => n.kind === 'content_hidden');
  assert.equal(hidden.length, 2, 'Bob is told about both');
  assert.ok(hidden.every((n) => n.note === NOTE));
  const mine = await sessions[BOB.username].get(`/workouts/${workout.id}`);
  assert.equal(mine.workout.visibility, 'private');
});
