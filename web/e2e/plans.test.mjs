// The coach/catalogue side on a phone against the real server: a coach builds a 3-day plan in
// the builder (exercises found in English and Russian) and assigns it → a concurrent edit is
// caught → the gym's shared plans → a public plan signed out → the header search finds the plan and a member but not a member hidden from search →
// an exercise page → body weight entries and their chart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym, startCoaching } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { mainNav } from './helpers/nav.mjs';
import { coachBuildsAndAssignsPlan } from './helpers/plans.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const COACH = { username: 'kim', password: 'coach-pass-1618', name: 'Coach Kim', role: 'coach' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia Sokolova', role: 'member' };
const HIDDEN = { username: 'misha', password: 'member-pass-5772', name: 'Misha Hidden', role: 'member' };

let server;
let browser;
let page;
let sessions;
let plan;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [COACH, MEMBER, HIDDEN]);
  // Coaching needs the member's consent before plans can be assigned.
  await startCoaching(sessions, COACH.username, MEMBER.username);
  await sessions[HIDDEN.username].patch('/me', { privacy: { searchable: false } });
  browser = await launch({ viewport: PHONE });
  page = browser.page;
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username or email', { exact: true }).fill(COACH.username);
  await page.getByLabel('Password', { exact: true }).fill(COACH.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: `Hi, ${COACH.name}!` }).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const header = () => page.getByRole('banner').getByRole('combobox', { name: 'Search' });

test('the coach builds a 3-day plan in the builder and assigns it to a member', async () => {
  const result = await coachBuildsAndAssignsPlan(page, { member: MEMBER.username, startDate: today() });
  plan = result.plan;
  assert.equal(plan.title, 'Strength 3-day');
  assert.deepEqual(
    plan.weeks[0].days.map((d) => d.name),
    ['Day A', 'Day B', 'Day C'],
  );
  assert.deepEqual(
    result.exercises.map((e) => e.name_en),
    ['Bench Press (Barbell)', 'Squat (Barbell)', 'Deadlift (Barbell)', 'Overhead Press (Barbell)', 'Bent Over Row (Barbell)', 'Bicep Curl (Barbell)'],
  );
  for (const day of plan.weeks[0].days) {
    for (const ex of day.exercises) {
      assert.equal(ex.sets.length, 3);
      const last = ex.sets[2];
      assert.deepEqual([last.kind, last.reps.min, last.reps.max, last.load.kg, last.rest_s], ['normal', 5, 5, 60, 60]);
    }
  }
  const assigned = await sessions[MEMBER.username].get('/me/assignments');
  assert.equal(assigned.items.length, 1);
  assert.equal(assigned.items[0].plan.id, plan.id);
  await page.getByRole('heading', { name: /Day A$/ }).waitFor();
  await page.getByText('3 × 5 reps · 60 kg').first().waitFor();
  await page.getByRole('region', { name: 'Assigned to' }).getByRole('link', { name: `@${MEMBER.username}`, exact: true }).waitFor();
  await shot(page, 'plans-01-plan-detail');
  assert.deepEqual(await accessibilityProblems(page), [], 'plan detail');
  // The server's field error code (not its wording) picks the message.
  await page.getByLabel('Member', { exact: true }).fill('nobody-here');
  await page.getByRole('button', { name: 'Assign plan', exact: true }).click();
  await page.getByText('There is no member with that username.').waitFor();
  await page.getByLabel('Member', { exact: true }).fill('');
});

test('the builder reorders, and a concurrent edit is caught without losing the change', async () => {
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByRole('heading', { name: 'Edit plan' }).waitFor();
  const dayA = page.getByRole('region', { name: 'Day 1', exact: true });
  // The picker searches in Russian too; Escape closes it without changing the plan.
  await dayA.getByRole('button', { name: 'Add exercise', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Add exercise' });
  await picker.getByRole('combobox', { name: 'Search exercises' }).fill('жим гантелей');
  await picker.getByRole('option').filter({ has: page.getByText('Bench Press (Dumbbell)', { exact: true }) }).waitFor();
  await shot(page, 'plans-02a-picker');
  assert.deepEqual(await accessibilityProblems(page), [], 'exercise picker');
  await page.keyboard.press('Escape');
  await picker.waitFor({ state: 'hidden' });
  await dayA.getByRole('button', { name: 'Move Squat (Barbell) up', exact: true }).click();
  const legends = await dayA.locator('.cat-pex-name').allTextContents();
  assert.deepEqual(legends, ['Squat (Barbell)', 'Bench Press (Barbell)']);
  // Leaving through the app's own navigation with unsaved changes asks first.
  await mainNav(page).getByRole('link', { name: 'Plans', exact: true }).click();
  const leave = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await leave.getByRole('button', { name: 'Keep editing', exact: true }).click();
  await leave.waitFor({ state: 'hidden' });
  assert.match(page.url(), /\/plans\/[0-9a-f]{32}\/edit$/);
  await shot(page, 'plans-02-builder');
  // What a phone shows while editing a day, without the full-page stitching.
  await dayA.getByLabel('Day name', { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: new URL('./screenshots/plans-02b-builder-day.png', import.meta.url).pathname, animations: 'disabled' });
  assert.deepEqual(await accessibilityProblems(page), [], 'plan builder');

  // Someone else saves the plan in the meantime.
  // (The server takes only a plan's own fields: id, author, version and the like are refused.)
  const { title, tags, goal, visibility, weeks } = await sessions[COACH.username].get(`/plans/${plan.id}`);
  await sessions[COACH.username].call('PATCH', `/plans/${plan.id}`, { title, tags, goal, visibility, weeks, description: 'Changed elsewhere.' });

  await page.getByLabel('Title', { exact: true }).fill('Strength 3-day (v2)');
  await page.getByRole('button', { name: 'Save plan', exact: true }).click();
  await page.getByText(/Someone else changed this plan/).waitFor();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Strength 3-day (v2)', 'the edit is kept');
  await page.getByRole('button', { name: 'Save mine over it', exact: true }).click();
  await page.getByText('Plan saved.').waitFor();
  await page.getByRole('heading', { name: 'Strength 3-day (v2)', level: 1 }).waitFor();
  const saved = await sessions[COACH.username].get(`/plans/${plan.id}`);
  assert.equal(saved.weeks[0].days[0].exercises[0].exercise_id, plan.weeks[0].days[0].exercises[1].exercise_id, 'the new order was saved');
});

test('the plan list shows own plans and searches every visible plan as you type', async () => {
  await mainNav(page).getByRole('link', { name: 'Plans', exact: true }).click();
  await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Strength 3-day (v2)', exact: true }).waitFor();
  await page.getByText('1 week · 3 days').waitFor();
  await page.getByLabel('Search plans', { exact: true }).fill('strenght');
  await page.getByRole('link', { name: 'Strength 3-day (v2)', exact: true }).waitFor();
  await shot(page, 'plans-00-plan-list');
  assert.deepEqual(await accessibilityProblems(page), [], 'plan list');
});

test('the gym plans tab lists what members shared, with the author, and not private plans', async () => {
  const mia = sessions[MEMBER.username];
  const squat = (await mia.get('/exercises?q=squat&limit=5')).items[0];
  const day = { name: 'Day 1', notes: '', exercises: [{ exercise_id: squat.id, notes: '', sets: [{ kind: 'normal', reps: { min: 8, max: 8 }, rest_s: 90 }] }] };
  await mia.call('POST', '/plans', { title: 'Mia’s squat days', visibility: 'members', weeks: [{ days: [day] }] });
  await mia.call('POST', '/plans', { title: 'Mia’s secret plan', visibility: 'private', weeks: [{ days: [day] }] });

  await page.getByLabel('Search plans', { exact: true }).fill('');
  await page.getByRole('tab', { name: 'Gym plans' }).click();
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Mia’s squat days', exact: true }) });
  await row.getByText(`by ${MEMBER.name}`).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Mia’s secret plan' }).count(), 0, 'a private plan is not listed');
  assert.equal(await page.getByRole('link', { name: 'Strength 3-day (v2)' }).count(), 0, 'the coach’s private plan is not listed');
  await shot(page, 'plans-00b-gym-plans');
  assert.deepEqual(await accessibilityProblems(page), [], 'gym plans');
  // The plan page names its author and offers a copy, not an edit.
  await page.getByRole('link', { name: 'Mia’s squat days', exact: true }).click();
  await page.getByRole('heading', { name: 'Mia’s squat days', level: 1 }).waitFor();
  await page.getByRole('link', { name: MEMBER.name, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Copy to my plans' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0, 'no edit for someone else’s plan');
  await page.getByRole('link', { name: '← All plans' }).click();
  await page.getByRole('tab', { name: 'My plans' }).click();
});

test('a public plan’s link opens for a signed-out visitor, who is asked to sign in to copy it', async () => {
  const mia = sessions[MEMBER.username];
  const bench = (await mia.get('/exercises?q=bench&limit=5')).items[0];
  const day = { name: 'Press day', notes: '', exercises: [{ exercise_id: bench.id, notes: '', sets: [{ kind: 'normal', reps: { min: 5, max: 5 }, rest_s: 120 }] }] };
  const shared = await mia.call('POST', '/plans', { title: 'Mia’s open bench plan', visibility: 'public', weeks: [{ days: [day] }] });
  const membersOnly = (await mia.get('/plans?scope=gym')).items.find((p) => p.title === 'Mia’s squat days');

  await browser.context.clearCookies();
  await page.goto(`${server.url}/plans/${shared.id}`);
  await page.getByRole('heading', { name: 'Mia’s open bench plan', level: 1 }).waitFor();
  await page.getByRole('link', { name: MEMBER.name, exact: true }).waitFor();
  await page.getByText(bench.name_en, { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Sign in to copy this plan' }).waitFor();
  await shot(page, 'plans-00c-public-plan-signed-out');
  assert.deepEqual(await accessibilityProblems(page), [], 'a public plan, signed out');

  // A plan for members only stays hidden, with a way to sign in.
  await page.goto(`${server.url}/plans/${membersOnly.id}`);
  await page.getByText(/only members of the gym may see it/).waitFor();
  assert.equal(await page.getByText('Mia’s squat days').count(), 0);

  // Signing in from there comes back to the plan.
  await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Username or email', { exact: true }).fill(COACH.username);
  await page.getByLabel('Password', { exact: true }).fill(COACH.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Mia’s squat days', level: 1 }).waitFor();
});

test('the header search finds the plan and a member, but not a member hidden from search', async () => {
  await header().fill('strength 3');
  const listbox = page.getByRole('banner').getByRole('listbox');
  await listbox.getByRole('option', { name: /Strength 3-day \(v2\)/ }).waitFor();

  await header().fill('mia');
  await listbox.getByRole('group', { name: 'People' }).getByRole('option', { name: /@mia/ }).waitFor();

  await header().fill('misha');
  await listbox.getByRole('option', { name: /See all results/ }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.cat-search .spinner'));
  assert.equal(await listbox.getByRole('option', { name: /@misha/ }).count(), 0, 'hidden member is not offered');

  // Keyboard: arrow down to the first result and open it.
  await header().fill('Sokolova');
  await listbox.getByRole('option', { name: /@mia/ }).waitFor();
  await header().press('ArrowDown');
  await header().press('Enter');
  await page.waitForURL(/\/u\/mia$/);

  // Enter without choosing opens every result.
  await header().fill('bench');
  await header().press('Enter');
  await page.waitForURL(/\/search\?q=bench/);
  await page.getByRole('heading', { name: 'Exercises', level: 2 }).waitFor();
  await page.getByRole('link', { name: 'Bench Press (Barbell)', exact: true }).waitFor();
  await shot(page, 'plans-03-search-results');
  assert.deepEqual(await accessibilityProblems(page), [], 'search results');
});

test('an exercise page shows muscles, equipment and the caller’s history', async () => {
  await page.getByRole('link', { name: 'Bench Press (Barbell)', exact: true }).click();
  await page.getByRole('heading', { name: 'Bench Press (Barbell)', level: 1 }).waitFor();
  await page.getByText('Жим штанги лёжа', { exact: true }).waitFor();
  await page.getByText('Main muscles').waitFor();
  await page.getByText('You have not logged this exercise yet.').waitFor();
  await shot(page, 'plans-04-exercise-detail');
  assert.deepEqual(await accessibilityProblems(page), [], 'exercise detail');
});

test('body weight entries appear in a chart', async () => {
  await page.goto(`${server.url}/body`);
  await page.getByRole('heading', { name: 'Body', level: 1 }).waitFor();
  const value = page.getByLabel('Value, kg', { exact: true });
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await value.fill('81,5');
  await page.getByLabel('Date', { exact: true }).fill(lastWeek);
  await page.getByRole('button', { name: 'Add entry', exact: true }).click();
  await page.getByText('Add another entry to see the chart.').waitFor();
  await value.fill('80.2');
  await page.getByLabel('Date', { exact: true }).fill(today());
  await page.getByRole('button', { name: 'Add entry', exact: true }).click();
  await page.getByRole('img', { name: /Body weight chart: 2 entries, latest 80.2 kg/ }).waitFor();
  await page.locator('.cat-chart canvas').waitFor();
  await page.getByText(/−1.3 kg since/).waitFor();
  const stored = await sessions[COACH.username].get('/me/body-metrics?kind=weight');
  assert.deepEqual(
    stored.items.map((m) => m.value),
    [80.2, 81.5],
  );
  const latest = page.getByRole('region', { name: 'Latest' });
  await latest.getByRole('button', { name: /^Body weight\s*80.2 kg/ }).waitFor();
  await shot(page, 'plans-05-body-chart');
  assert.deepEqual(await accessibilityProblems(page), [], 'body metrics');

  // A kind of one's own is listed by the server once recorded: it survives a reload.
  await page.getByRole('button', { name: 'Track something else…', exact: true }).click();
  await page.getByLabel('What to track', { exact: true }).fill('Resting pulse');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('No entries for resting pulse yet.').waitFor();
  await page.getByLabel('Value', { exact: true }).fill('58');
  await page.getByRole('button', { name: 'Add entry', exact: true }).click();
  await latest.getByRole('button', { name: /^resting pulse\s*58/ }).waitFor();
  await page.reload();
  await latest.getByRole('button', { name: /^resting pulse\s*58/ }).click();
  assert.equal(await page.getByLabel('Measurement', { exact: true }).inputValue(), 'resting_pulse');
  await page.getByRole('heading', { name: 'resting pulse', level: 2, exact: true }).waitFor();
  const kinds = await sessions[COACH.username].get('/me/body-metrics/kinds');
  assert.deepEqual(kinds.items.map((m) => [m.kind, m.value]).sort(), [['resting_pulse', 58], ['weight', 80.2]]);
});
