// The training journey on a phone against the real server: a coach builds a 3-day plan in the
// plan builder, assigns it and signs out → the member opens Today, starts the workout and logs
// sets → the connection drops mid-workout, more sets are logged and the page is reloaded
// offline → the connection returns and every set reaches the server exactly once → finish →
// the workout is in the history and the calendar → the coach sees it, read only, from the
// member's profile.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym, startCoaching } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav, openMore } from './helpers/nav.mjs';
import { coachBuildsAndAssignsPlan } from './helpers/plans.mjs';
import { signIn as signInAs } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const COACH = { username: 'kim', password: 'coach-pass-1618', name: 'Coach Kim', role: 'coach' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };

let server;
let browser;
let page;
let sessions;
let exercises;
let workoutId;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [COACH, MEMBER]);
  // Coaching needs the member's consent before plans can be assigned.
  await startCoaching(sessions, COACH.username, MEMBER.username);
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const complete = (n, ex) => button(`Complete set ${n} of ${ex.name_en}`);
const done = (n, ex) => button(`Set ${n} of ${ex.name_en} done — tap to undo`);
const syncStatus = () => page.getByTestId('sync-status');
const today = () => new Date().toISOString().slice(0, 10);

async function serverSets(id) {
  const detail = await sessions[MEMBER.username].get(`/workouts/${id}`);
  return detail.sets;
}

const signIn = (user) => signInAs(page, server.url, user);

test('the coach builds a 3-day plan and assigns it to the member', async () => {
  await signIn(COACH);
  const result = await coachBuildsAndAssignsPlan(page, { member: MEMBER.username, startDate: today() });
  exercises = result.exercises;
  assert.deepEqual(
    result.plan.weeks[0].days.map((d) => d.name),
    ['Day A', 'Day B', 'Day C'],
  );
  const mine = await sessions[MEMBER.username].get('/me/assignments');
  assert.equal(mine.items.length, 1, 'the member has the plan');
  assert.equal(mine.items[0].plan.id, result.plan.id);
  // The plan page lists who follows it, from the server.
  await page.getByRole('region', { name: 'Assigned to' }).getByRole('link', { name: `@${MEMBER.username}`, exact: true }).waitFor();
  // The coach signs out from the phone bar's "More" sheet; the member takes the phone.
  const sheet = await openMore(page);
  await sheet.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/login$/);
});

test('the member sees today’s plan day on the home screen', async () => {
  await signIn(MEMBER);
  await page.getByRole('heading', { name: 'Day A' }).waitFor();
  await page.getByText('Strength 3-day ·').waitFor();
  await page.getByText(exercises[0].name_en, { exact: true }).waitFor();
  await page.getByText('3 sets × 5 reps · 60 kg').first().waitFor();
  // The service worker must control the page before the connection drops.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15_000 });
  await shot(page, 'training-01-today');
  assert.deepEqual(await accessibilityProblems(page), [], 'home with the Today card');
});

test('the member starts the workout and logs sets with one tap each', async () => {
  await button('Start workout').click();
  await page.waitForURL(/\/workouts\/[0-9a-f]{32}$/);
  workoutId = page.url().split('/').pop();
  await page.getByRole('heading', { name: exercises[0].name_en }).waitFor();
  // Pre-filled from the plan: 60 kg × 5.
  assert.equal(await page.getByLabel(`kg, set 1 of ${exercises[0].name_en}`).inputValue(), '60');
  assert.equal(await page.getByLabel(`Reps, set 1 of ${exercises[0].name_en}`).inputValue(), '5');
  await complete(1, exercises[0]).click();
  await done(1, exercises[0]).waitFor();
  await page.getByTestId('rest-timer').waitFor();
  await page.getByText(/^(1:00|0:5\d)$/).waitFor();
  await shot(page, 'training-03-rest-timer');
  await button('Skip').click();
  // A stepper (in the set's details, opened from its number) changes the weight before the next set.
  await button(`Set 2 of ${exercises[0].name_en} (Normal): edit`).click();
  await button('More kg').click();
  assert.equal(await page.getByLabel(`kg, set 2 of ${exercises[0].name_en}`).inputValue(), '62,5'.replace(',', '.'));
  await complete(2, exercises[0]).click();
  await done(2, exercises[0]).waitFor();
  await button('Skip').click();
  await page.waitForFunction(async (id) => {
    const res = await fetch(`/api/v1/workouts/${id}`);
    return res.ok && (await res.json()).sets.length === 2;
  }, workoutId);
  await syncStatus().waitFor({ state: 'detached' });
  await shot(page, 'training-02-logger');
  assert.deepEqual(await accessibilityProblems(page), [], 'the logger');
  const sets = await serverSets(workoutId);
  assert.deepEqual(sets.map((s) => s.weight_kg), [60, 62.5]);
});

test('sets logged with no connection survive an offline reload and sync exactly once', async () => {
  const { context } = browser;
  await context.setOffline(true);
  await complete(3, exercises[0]).click();
  await done(3, exercises[0]).waitFor();
  await button('Skip').click();
  await complete(1, exercises[1]).click();
  await done(1, exercises[1]).waitFor();
  await button('Skip').click();
  await page.getByText('Offline · 2 changes waiting to sync').waitFor();
  await shot(page, 'training-04-offline');

  await page.reload();
  await page.getByRole('heading', { name: exercises[1].name_en }).waitFor();
  await done(3, exercises[0]).waitFor();
  await done(1, exercises[1]).waitFor();
  await page.getByText('Offline · 2 changes waiting to sync').waitFor();
  assert.equal(await page.getByLabel(`kg, set 2 of ${exercises[0].name_en}`).inputValue(), '62.5', 'sets keep their order');
  await complete(2, exercises[1]).click();
  await done(2, exercises[1]).waitFor();
  await button('Skip').click();
  await page.getByText('Offline · 3 changes waiting to sync').waitFor();
  await shot(page, 'training-05-offline-reloaded');
  assert.equal((await serverSets(workoutId)).length, 2, 'nothing reached the server while offline');

  await context.setOffline(false);
  await syncStatus().waitFor({ state: 'detached', timeout: 20_000 });
  const sets = await serverSets(workoutId);
  assert.equal(sets.length, 5, 'every set arrived, none twice');
  assert.equal(new Set(sets.map((s) => s.id)).size, 5);
  assert.deepEqual(
    sets.map((s) => s.exercise_id),
    [exercises[0].id, exercises[0].id, exercises[0].id, exercises[1].id, exercises[1].id],
  );
});

test('finishing shows a summary', async () => {
  await button('Finish').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('heading', { name: 'Workout complete!' }).waitFor();
  await page.waitForURL(/summary=1/);
  await syncStatus().waitFor({ state: 'detached', timeout: 20_000 });
  const detail = await sessions[MEMBER.username].get(`/workouts/${workoutId}`);
  assert.ok(detail.workout.finished_at, 'the workout is finished on the server');
  assert.equal(detail.workout.set_count, 5);
  await page.getByText(exercises[1].name_en, { exact: true }).first().waitFor();
  await shot(page, 'training-06-summary');
  assert.deepEqual(await accessibilityProblems(page), [], 'the summary');
  const next = await sessions[MEMBER.username].get(`/me/today?date=${today()}`);
  assert.equal(next.plan_day?.name, 'Day B', 'the plan moved on to the next day');
});

test('the workout is in the history and on the calendar', async () => {
  await goToNav(page, 'Workouts');
  await page.getByRole('heading', { name: 'Workout history' }).waitFor();
  await page.getByRole('link', { name: /^Day A/ }).waitFor();
  await page.getByText('5 sets').waitFor();
  await shot(page, 'training-07-history');
  assert.deepEqual(await accessibilityProblems(page), [], 'the history');

  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByText('You trained on 1 day this month.').waitFor();
  const day = page.getByRole('button', { name: /: 1 workout$/ });
  await day.click();
  await page.getByRole('link', { name: /^Day A/ }).waitFor();
  await shot(page, 'training-08-calendar');
  assert.deepEqual(await accessibilityProblems(page), [], 'the calendar');

  await page.getByRole('link', { name: /^Day A/ }).click();
  await page.getByRole('heading', { name: 'Day A' }).waitFor();
  await page.getByText('Duration').waitFor();
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});

test('the coach follows the member from the plan to her profile and sees the workout, read only', async () => {
  const sheet = await openMore(page);
  await sheet.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/login$/);
  await signIn(COACH);
  await goToNav(page, 'Plans');
  await page.getByRole('link', { name: 'Strength 3-day', exact: true }).click();
  await page.getByRole('region', { name: 'Assigned to' }).getByRole('link', { name: `@${MEMBER.username}`, exact: true }).click();
  await page.waitForURL(/\/u\/mia$/);
  const workouts = page.getByRole('region', { name: 'Workouts' });
  await workouts.getByRole('link', { name: /^Day A/ }).click();
  await page.getByRole('heading', { name: 'Day A', level: 1 }).waitFor();
  await page.getByText(`Logged by ${MEMBER.name}`).waitFor();
  await page.getByRole('heading', { name: exercises[0].name_en, level: 2 }).waitFor();
  assert.equal(await button('Edit').count(), 0, 'the coach cannot edit the member’s workout');
  assert.equal(await button('Delete workout').count(), 0, 'nor delete it');
  await shot(page, 'training-09-coach-view');
  assert.deepEqual(await accessibilityProblems(page), [], 'the coach’s view of a workout');
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});
