// Progress a member can see, against the real server on a phone: a new member's dashboard says
// how to begin → a workout logged last week (through the API) and one today (in the logger,
// started from the dashboard) → the exercise page charts both sessions and lists the records →
// the dashboard counts this week's workout, charts the volume, marks the day and shows the new
// records → all records → the weekly target from the preferences → another member sees a
// summary on the profile → the coach compares a planned workout with what was done.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym, startCoaching } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav } from './helpers/nav.mjs';
import { coachBuildsAndAssignsPlan } from './helpers/plans.mjs';
import { signIn as signInAs, signOut as signOutOf } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const COACH = { username: 'kim', password: 'coach-pass-1618', name: 'Coach Kim', role: 'coach' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };
const BENCH = 'Bench Press (Barbell)';

let server;
let browser;
let page;
let sessions;
let bench;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [COACH, MEMBER]);
  // Coaching needs the member's consent before plans can be assigned.
  await startCoaching(sessions, COACH.username, MEMBER.username);
  const found = await sessions[MEMBER.username].get(`/exercises?q=${encodeURIComponent('bench press')}&limit=30`);
  bench = found.items.find((e) => e.name_en === BENCH);
  assert.ok(bench, 'the catalogue has the barbell bench press');
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const sessionsThisPeriod = () => page.getByTestId('period-sessions');
const hoursAgo = (h) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAgo = (n, hour = 18) => {
  const d = new Date(Date.now() - n * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const signIn = (user) => signInAs(page, server.url, user);

const signOut = () => signOutOf(page);

test('a new member finds Progress in the More sheet and is told how to begin', async () => {
  await signIn(MEMBER);
  await goToNav(page, 'Progress');
  await page.getByRole('heading', { name: 'Progress', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'This week' }).waitFor();
  assert.equal(await sessionsThisPeriod().textContent(), '0 of 3');
  await page.getByRole('heading', { name: 'Your progress starts with a workout' }).waitFor();
  await shot(page, 'analysis-01-empty');
  assert.deepEqual(await accessibilityProblems(page), [], 'the empty dashboard');
});

test('a workout from last week reaches the server (API)', async () => {
  const api = sessions[MEMBER.username];
  const w = await api.post('/workouts', { title: 'Push', started_at: daysAgo(8, 17), finished_at: daysAgo(8, 18) });
  for (const [weight_kg, reps] of [
    [60, 5],
    [60, 5],
    [60, 5],
  ]) {
    await api.post(`/workouts/${w.id}/sets`, { exercise_id: bench.id, weight_kg, reps, rpe: 7, completed_at: daysAgo(8, 17) });
  }
});

test('the member starts a workout from the dashboard and logs heavier sets in the logger', async () => {
  await page.reload();
  await page.getByRole('heading', { name: 'Volume' }).waitFor();
  assert.equal(await sessionsThisPeriod().textContent(), '0 of 3', 'last week’s workout is not this week’s');
  // The empty state is gone now that there is history; start from the Today card instead.
  await goToNav(page, 'Home');
  await button('Start an empty workout').click();
  await page.waitForURL(/\/workouts\/[0-9a-f]{32}$/);
  const workoutId = page.url().split('/').pop();
  await button('Add exercise').click();
  const dialog = page.getByRole('dialog', { name: 'Add exercise' });
  await dialog.getByRole('combobox', { name: 'Search exercises' }).fill('bench press');
  await dialog.getByRole('option').filter({ has: page.getByText(BENCH, { exact: true }) }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  for (const [n, kg] of [
    [1, '70'],
    [2, '72.5'],
  ]) {
    if (n > 1) await button('Add set').click();
    await page.getByLabel(`kg, set ${n} of ${BENCH}`).fill(kg);
    await page.getByLabel(`Reps, set ${n} of ${BENCH}`).fill('5');
    await button(`Complete set ${n} of ${BENCH}`).click();
    await button(`Set ${n} of ${BENCH} done — tap to undo`).waitFor();
    await button('Skip').click();
  }
  // Every set is ticked, so Finish needs no confirmation.
  await button('Finish').click();
  await page.getByRole('heading', { name: 'Workout complete!' }).waitFor();
  await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 20_000 });
  const detail = await sessions[MEMBER.username].get(`/workouts/${workoutId}`);
  assert.deepEqual(
    detail.sets.map((s) => s.weight_kg),
    [70, 72.5],
  );
});

test('the exercise page charts both sessions and lists the records', async () => {
  await page.goto(`${server.url}/exercises/${bench.id}`);
  await page.getByRole('heading', { name: 'Progress', level: 2 }).waitFor();
  const chart = page.getByRole('img', { name: /^Est\. 1RM per session over 2 sessions\./ });
  await chart.waitFor();
  assert.ok(await chart.locator('canvas').count(), 'uPlot drew the chart');
  const records = page.getByRole('table');
  await records.getByRole('rowheader', { name: 'Estimated 1RM' }).waitFor();
  // 72.5 kg × 5 → e1RM (Epley) 84.6 kg; the heaviest weight is 72.5 kg.
  await records.getByRole('row', { name: /^Heaviest weight 72\.5 kg$/ }).waitFor();
  await page.getByRole('heading', { name: 'Record history' }).waitFor();
  await page.getByText('was 70 kg').first().waitFor();
  // The range switch asks the server for three months.
  const asked = page.waitForRequest((r) => r.url().includes(`/exercises/${bench.id}/progress?`) && r.url().includes('from='));
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '3 months' }).click();
  await asked;
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Volume' }).click();
  await page.getByRole('img', { name: /^Volume per session over 2 sessions\./ }).waitFor();
  await shot(page, 'analysis-02-exercise');
  assert.deepEqual(await accessibilityProblems(page), [], 'the exercise page with its progress');
});

test('the dashboard counts the workout, charts the volume, marks the day and shows the records', async () => {
  await goToNav(page, 'Progress');
  await page.getByRole('heading', { name: 'Progress', level: 1 }).waitFor();
  await page.getByText('1 of 3', { exact: true }).waitFor();
  const volume = page.getByRole('region', { name: 'Volume' });
  await volume.getByRole('img', { name: /^Weight moved per week, last 12 weeks\. Latest 713 kg/ }).locator('canvas').waitFor();
  const muscles = page.getByRole('region', { name: 'Muscle balance' });
  await muscles.getByText('Chest').waitFor();
  await muscles.getByText('2 sets').first().waitFor();
  const year = page.getByRole('region', { name: 'Your year' });
  await year.getByText('You trained on 2 days in the last 12 months.').waitFor();
  assert.equal(await year.getByRole('img', { name: /: 1 workout, 2 sets$/ }).count(), 1, 'today is marked');
  const load = page.getByRole('region', { name: 'Training load' });
  await load.getByText('What do these numbers mean?').click();
  await load.getByText(/when you log none, 7 is assumed/).waitFor();
  const records = page.getByRole('region', { name: 'Recent records' });
  await records.getByRole('link', { name: BENCH }).first().waitFor();
  await records.getByText('Heaviest weight 72.5 kg').waitFor();
  await shot(page, 'analysis-03-dashboard');
  assert.deepEqual(await accessibilityProblems(page), [], 'the dashboard');
  // The monthly view sums the month.
  await page.getByRole('group', { name: 'Sum up by' }).getByRole('button', { name: 'Month' }).click();
  await page.getByRole('heading', { name: 'This month' }).waitFor();
  await page.waitForURL(/period=month/);
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});

test('all records list the exercise and lead to its page', async () => {
  await page.getByRole('region', { name: 'Recent records' }).getByRole('link', { name: 'All records' }).click();
  await page.getByRole('heading', { name: 'Records', level: 1 }).waitFor();
  await page.getByRole('link', { name: BENCH }).click();
  await page.waitForURL(new RegExp(`/exercises/${bench.id}$`));
  await page.getByRole('heading', { name: BENCH, level: 1 }).waitFor();
});

test('the weekly target is set in the preferences and the dashboard follows it', async () => {
  await page.goto(`${server.url}/settings/preferences`);
  await page.getByLabel('Weekly target').selectOption('1');
  await button('Save').click();
  await page.getByText('Saved.').waitFor();
  const me = await sessions[MEMBER.username].get('/me');
  assert.equal(me.preferences.weekly_target, 1);
  await goToNav(page, 'Progress');
  await page.getByText('1 of 1', { exact: true }).waitFor();
  await page.getByText('Weekly target reached').waitFor();
  // One workout this week meets a target of one, and so did last week's when it fell in the
  // week before this one (it was 8 days ago): a streak of one or two weeks.
  await page.getByText(/^[12] weeks? in a row on target$/).waitFor();
});

test('the coach compares the planned workout with what the member did', async () => {
  await signOut();
  await signIn(COACH);
  const coachApi = sessions[COACH.username];
  const { plan, exercises } = await coachBuildsAndAssignsPlan(null, { api: coachApi, member: MEMBER.username, startDate: daysAgo(1).slice(0, 10) });
  const memberApi = sessions[MEMBER.username];
  const [assignment] = (await memberApi.get('/me/assignments')).items;
  const w = await memberApi.post('/workouts', {
    started_at: hoursAgo(2),
    finished_at: hoursAgo(1),
    plan: { plan_id: plan.id, week: 0, day: 0, assignment_id: assignment.id },
  });
  // Day A's first exercise: three sets planned at 60 kg × 5; two done as planned, one a rep short.
  const first = exercises[0];
  for (const reps of [5, 5, 4]) {
    await memberApi.post(`/workouts/${w.id}/sets`, { exercise_id: first.id, weight_kg: 60, reps, completed_at: hoursAgo(1.5) });
  }
  await page.goto(`${server.url}/plans/${plan.id}`);
  await page.getByRole('button', { name: `Planned vs done for @${MEMBER.username}` }).click();
  await page.getByText(/^1 of \d+ planned workouts done$/).waitFor();
  const table = page.getByRole('table', { name: first.name_en }).first();
  await table.getByText('short of target').waitFor();
  await shot(page, 'analysis-04-adherence');
  assert.deepEqual(await accessibilityProblems(page), [], 'the plan page with adherence');
});

test('the coach sees a private member’s summary on her profile; another private profile shows none and no error', async () => {
  await sessions[MEMBER.username].patch('/me', { privacy: { profile_visibility: 'private' } });
  await page.goto(`${server.url}/u/${MEMBER.username}`);
  const stats = page.getByRole('region', { name: 'Training' });
  await stats.getByText('Last 12 weeks').waitFor();
  await stats.getByRole('img', { name: /^Workouts per week over the last 12 weeks: / }).waitFor();
  await shot(page, 'analysis-05-profile-stats');
  assert.deepEqual(await accessibilityProblems(page), [], 'a member’s profile with stats, seen by her coach');
  // Olga keeps her profile to herself and does not train Kim: no stats, and no error either.
  await sessions.owner.patch('/me', { privacy: { profile_visibility: 'private' } });
  await page.goto(`${server.url}/u/${OWNER.username}`);
  await page.getByText(`There is no profile @${OWNER.username}, or it is private.`).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Training' }).count(), 0);
  assert.equal(await page.getByRole('alert').count(), 0);
  const answer = await sessions[COACH.username].call('GET', `/users/${OWNER.username}/stats`).catch((e) => e.message);
  assert.match(String(answer), /→ 404/);
});
