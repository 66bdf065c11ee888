// A workout started without a plan, on a phone (390 × 844), in a gym with its own plates (a
// 15 kg bar; 20, 10, 5 and 2.5 kg plates): the plate calculator and the warm-up ramp use them;
// two exercises put in a superset alternate with the rest after the round; a note on an
// exercise is written offline, shown under its name and synced.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { signIn } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const MEMBER = { username: 'ivan', password: 'member-pass-4669', name: 'Ivan', role: 'member' };

const BENCH = 'Bench Press (Barbell)';
const ROW = 'Bent Over Row (Barbell)';
const CURL = 'Bicep Curl (Barbell)';

let server;
let browser;
let page;
let api;
let ex;
let workoutId;

const DAY = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString();
const button = (name) => page.getByRole('button', { name, exact: true });
const card = (name) => page.getByRole('region', { name, exact: true });
const complete = (n, name) => button(`Complete set ${n} of ${name}`);
const done = (n, name) => button(`Set ${n} of ${name} done — tap to undo`);
const weights = (name) => card(name).locator('input[aria-label^="kg, set"]').evaluateAll((els) => els.map((e) => e.value));
const nextRow = () => page.locator('.wk-set-next input[aria-label^="kg"]').getAttribute('aria-label');
const shownOrder = () => page.locator('.wk-exercise h2').allTextContents();

async function findExercise(name) {
  const found = await api.get(`/exercises?q=${encodeURIComponent(name.split(' (')[0])}&limit=50`);
  const match = found.items.find((e) => e.name_en === name);
  if (!match) throw new Error(`no exercise "${name}"`);
  return match;
}

/** Where every control of the logger is (the fixed rest bar left out). */
const controlBoxes = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('.wk-logger button, .wk-logger input, .wk-logger select')]
      .filter((el) => !el.closest('.wk-rest'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
      }),
  );

async function addExercise(name, search) {
  await button('Add exercise').click();
  const dialog = page.getByRole('dialog', { name: 'Add exercise' });
  await dialog.getByRole('combobox', { name: 'Search exercises' }).fill(search);
  await dialog.getByRole('option').filter({ has: page.getByText(name, { exact: true }) }).first().click();
  await card(name).waitFor();
}

before(async () => {
  server = await startGymbox();
  const sessions = await setUpGym(server, OWNER, [MEMBER]);
  await sessions.owner.patch('/admin/settings', { plates: { kg: [20, 10, 5, 2.5], lb: [45, 25, 10, 5], bar_kg: 15, bar_lb: 35 } });
  api = sessions[MEMBER.username];
  ex = {};
  for (const name of [BENCH, ROW, CURL]) ex[name] = await findExercise(name);
  // Last time: bench 60 kg × 8, rows 50 × 8, curls 30 × 10 — two sets each.
  const start = Date.now() - 3 * DAY;
  const w = await api.post('/workouts', { title: 'Upper', started_at: iso(start) });
  let at = start + 60_000;
  for (const [name, weight_kg, reps] of [[BENCH, 60, 8], [BENCH, 60, 8], [ROW, 50, 8], [ROW, 50, 8], [CURL, 30, 10], [CURL, 30, 10]]) {
    await api.post(`/workouts/${w.id}/sets`, { kind: 'normal', exercise_id: ex[name].id, weight_kg, reps, completed_at: iso(at) });
    at += 120_000;
  }
  await api.patch(`/workouts/${w.id}`, { finished_at: iso(at) });
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the member starts an empty workout and adds three exercises, two sets each', async () => {
  const gym = await api.get('/instance');
  assert.deepEqual(gym.plates, { kg: [20, 10, 5, 2.5], lb: [45, 25, 10, 5], bar_kg: 15, bar_lb: 35 });
  await signIn(page, server.url, MEMBER);
  await button('Start an empty workout').click();
  await page.waitForURL(/\/workouts\/[0-9a-f]{32}$/);
  workoutId = page.url().split('/').pop();
  await addExercise(BENCH, 'bench press');
  await addExercise(ROW, 'bent over row');
  await addExercise(CURL, 'bicep curl');
  for (const name of [BENCH, ROW, CURL]) {
    await card(name).getByRole('button', { name: 'Add set' }).click();
    await complete(2, name).waitFor();
  }
  assert.deepEqual(await weights(BENCH), ['60', '60'], 'last time’s weights');
  assert.deepEqual(await shownOrder(), [BENCH, ROW, CURL]);
});

test('the plate calculator and the warm-up ramp use the gym’s bar and plates', async () => {
  await button(`Set 1 of ${ROW} (Normal): edit`).click();
  // 50 kg on the gym's 15 kg bar: 17.5 a side (not 15 on a 20 kg bar).
  await card(ROW).getByText('Each side: 10 + 5 + 2.5 (bar 15 kg)').waitFor();
  await button(`Set 1 of ${ROW} (Normal): edit`).click();
  await button(`More for ${ROW}`).click();
  await card(ROW).getByRole('button', { name: 'Add warm-up sets' }).click();
  // The bar × 10, then 40 / 60 / 80 % of 50 kg loadable on a 15 kg bar with 2.5 kg as the smallest plate.
  assert.deepEqual(await weights(ROW), ['15', '20', '30', '40', '50', '50']);
  await button(`Set 2 of ${ROW} (Warm-up): edit`).click();
  await card(ROW).getByText('Each side: 2.5 (bar 15 kg)').waitFor();
  await button(`Set 2 of ${ROW} (Warm-up): edit`).click();
  await shot(page, 'own-workout-01-plates');
});

test('bench and curls put in a superset go round: no rest between them, rest after the round', async () => {
  await button(`More for ${BENCH}`).click();
  await card(BENCH).getByRole('button', { name: 'Superset with…' }).click();
  const chooser = card(BENCH).getByRole('group', { name: `Superset ${BENCH} with` });
  await chooser.getByText('One set of each in turn, with the rest after the round.').waitFor();
  await chooser.getByRole('button', { name: CURL }).click();
  await page.waitForFunction((order) => [...document.querySelectorAll('.wk-exercise h2')].map((h) => h.textContent).join('|') === order, [BENCH, CURL, ROW].join('|'));
  await card(BENCH).getByText('Superset A').waitFor();
  await card(CURL).getByText('Superset A').waitFor();
  assert.equal(await card(ROW).getByText(/^Superset/).count(), 0);
  await shot(page, 'own-workout-02-superset');

  await page.evaluate(() => window.scrollTo(0, 0));
  const beforeTick = await controlBoxes();
  assert.equal(await nextRow(), `kg, set 1 of ${BENCH}`);
  await complete(1, BENCH).click();
  await done(1, BENCH).waitFor();
  assert.equal(await nextRow(), `kg, set 1 of ${CURL}`, 'the curl is next, not the second bench set');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('rest-timer').count(), 0, 'no rest inside the round');
  assert.deepEqual(await controlBoxes(), beforeTick, 'ticking moved no control');
  await complete(1, CURL).click();
  await done(1, CURL).waitFor();
  await page.getByTestId('rest-timer').getByText(/^(1:30|1:2\d)$/).waitFor();
  assert.equal(await nextRow(), `kg, set 2 of ${BENCH}`);
  await button('Skip').click();
  await complete(2, BENCH).click();
  await done(2, BENCH).waitFor();
  assert.equal(await page.getByTestId('rest-timer').count(), 0);
  await complete(2, CURL).click();
  await done(2, CURL).waitFor();
  await page.getByTestId('rest-timer').waitFor();
  assert.equal(await nextRow(), `kg, set 1 of ${ROW}`, 'then the row (its first warm-up)');
  await button('Skip').click();

  await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 20_000 });
  const saved = await api.get(`/workouts/${workoutId}`);
  assert.deepEqual(saved.workout.supersets, [[ex[BENCH].id, ex[CURL].id]]);
});

test('a note written offline shows under the exercise’s name and syncs', async () => {
  await browser.context.setOffline(true);
  try {
    await button(`More for ${ROW}`).click();
    await card(ROW).getByRole('button', { name: 'Add note' }).click();
    const field = card(ROW).getByRole('textbox', { name: `Note for ${ROW}` });
    await field.fill('Straps from the second set; flat back');
    await card(ROW).getByRole('button', { name: 'Save note' }).click();
    const note = card(ROW).getByTestId('exercise-note');
    await note.getByText('Straps from the second set; flat back').waitFor();
    await page.getByText('Offline · 1 change waiting to sync').waitFor();
    const box = await note.boundingBox();
    const heading = await card(ROW).getByRole('heading', { level: 2 }).boundingBox();
    assert.ok(box.y >= heading.y + heading.height - 1 && box.height < 60, 'small, under the name');
    assert.equal(await card(ROW).getByRole('textbox', { name: /^Note for/ }).count(), 0, 'the field closes');
    assert.deepEqual(await accessibilityProblems(page), [], 'the logger with a note and a superset');
    await shot(page, 'own-workout-03-note-offline');
  } finally {
    await browser.context.setOffline(false);
  }
  await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 20_000 });
  const saved = await api.get(`/workouts/${workoutId}`);
  assert.deepEqual(saved.workout.exercise_notes, [{ exercise_id: ex[ROW].id, text: 'Straps from the second set; flat back' }]);
  assert.deepEqual(saved.workout.supersets, [[ex[BENCH].id, ex[CURL].id]], 'the superset stays');

  // On a fresh load (from the server), the note and the superset are still there.
  await page.reload();
  await card(ROW).getByTestId('exercise-note').getByText('Straps from the second set; flat back').waitFor();
  await card(CURL).getByText('Superset A').waitFor();
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});

test('taken out of the superset, the curls stand alone again', async () => {
  await button(`More for ${CURL}`).click();
  await card(CURL).getByRole('button', { name: 'Remove from superset' }).click();
  await page.waitForFunction(() => !document.querySelector('.wk-superset-badge'));
  await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 20_000 });
  assert.deepEqual((await api.get(`/workouts/${workoutId}`)).workout.supersets, []);
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});
