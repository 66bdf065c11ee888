// Challenges, badges and leaderboards on a phone against the real server: a coach sets a
// gym-wide challenge in the app → a member joins it, logs and finishes a workout, and the
// summary celebrates her first badges → the challenge shows her progress, her profile the
// badge, and the leaderboard her place.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav } from './helpers/nav.mjs';
import { signIn as signInAs, signOut as signOutOf } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const COACH = { username: 'kim', password: 'coach-pass-1618', name: 'Coach Kim', role: 'coach' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };
const TITLE = 'Three workouts this week';
const BENCH = { query: 'bench', name: 'Bench Press (Barbell)' };

let server;
let browser;
let page;
let sessions;
let challengeId;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [COACH, MEMBER]);
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const signIn = (user) => signInAs(page, server.url, user);
const signOut = () => signOutOf(page);

test('a coach sets a gym-wide challenge: a goal of three workouts, today to six days on', async () => {
  await signIn(COACH);
  await goToNav(page, 'Challenges');
  await page.getByRole('heading', { name: 'Challenges', level: 1 }).waitFor();
  await page.getByText('No challenge is running right now.').waitFor();
  await button('New challenge').click();
  const form = page.getByRole('region', { name: 'New challenge' });
  // Nothing is sent before the form is complete.
  await form.getByRole('button', { name: 'Create challenge' }).click();
  await form.getByText('Please fill this in.').waitFor();
  await form.getByText('Enter a whole number above zero.').waitFor();
  await form.getByLabel('Title', { exact: true }).fill(TITLE);
  assert.equal(await form.getByLabel('For', { exact: true }).inputValue(), 'gym');
  assert.equal(await form.getByLabel('What counts', { exact: true }).inputValue(), 'sessions');
  const first = await form.getByLabel('First day', { exact: true }).inputValue();
  const last = await form.getByLabel('Last day', { exact: true }).inputValue();
  assert.equal((Date.parse(last) - Date.parse(first)) / 86_400_000, 6, 'a week by default');
  await form.getByLabel('Goal (workouts)', { exact: true }).fill('3');
  await shot(page, 'gamification-01-new-challenge');
  assert.deepEqual(await accessibilityProblems(page), [], 'the new challenge form');
  await form.getByRole('button', { name: 'Create challenge' }).click();
  await page.waitForURL(/\/challenges\/[0-9a-f]{32}$/);
  challengeId = page.url().split('/').pop();
  await page.getByText('Challenge created. Share it with your members.').waitFor();
  await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await page.getByText('Workouts · goal: 3 workouts').waitFor();
  const created = await sessions[COACH.username].get(`/challenges/${challengeId}`);
  assert.equal(created.scope, 'gym');
  assert.equal(created.kind, 'goal');
  assert.equal(created.goal, 3);
  assert.equal(created.start_date, first);
  await signOut();
});

test('a member joins the challenge from the list', async () => {
  await signIn(MEMBER);
  await goToNav(page, 'Challenges');
  const card = page.getByRole('article', { name: TITLE });
  await card.getByText(/ · 0 participants$/).waitFor();
  await card.getByText('Whole gym').waitFor();
  await card.getByRole('button', { name: `Join ${TITLE}` }).click();
  await card.getByText('Joined', { exact: true }).waitFor();
  await card.getByText(/ · 1 participant$/).waitFor();
  await card.getByRole('progressbar', { name: 'Your progress:' }).waitFor();
  await card.getByText('0 workouts of 3 workouts').waitFor();
  await shot(page, 'gamification-02-joined');
  assert.deepEqual(await accessibilityProblems(page), [], 'the challenges list');
  // The "Mine" tab lists it too.
  await button('Mine').click();
  await page.getByRole('article', { name: TITLE }).waitFor();
});

test('she logs and finishes a workout, and the summary celebrates her first badges', async () => {
  await goToNav(page, 'Home');
  await button('Start an empty workout').click();
  await page.waitForURL(/\/workouts\/[0-9a-f]{32}$/);
  await button('Add exercise').click();
  const dialog = page.getByRole('dialog', { name: 'Add exercise' });
  await dialog.getByRole('combobox', { name: 'Search exercises' }).fill(BENCH.query);
  await page.waitForFunction(
    (q) => {
      const input = document.querySelector('.cat-picker input[role="combobox"]');
      const results = document.querySelector('.cat-picker-results');
      return input?.value === q && results && !results.hasAttribute('aria-busy') && document.querySelector('.cat-picker [role="option"]');
    },
    BENCH.query,
  );
  await dialog.getByRole('option').filter({ has: page.getByText(BENCH.name, { exact: true }) }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByLabel(`kg, set 1 of ${BENCH.name}`).fill('60');
  await page.getByLabel(`Reps, set 1 of ${BENCH.name}`).fill('5');
  await button(`Complete set 1 of ${BENCH.name}`).click();
  await button(`Set 1 of ${BENCH.name} done — tap to undo`).waitFor();
  // Every row is done: finishing asks nothing.
  await button('Finish').click();
  await page.getByRole('heading', { name: 'Workout complete!' }).waitFor();
  // Her first workout, and its first set her first record.
  const celebration = page.getByRole('region', { name: '2 new badges!' });
  await celebration.getByText('First workout', { exact: true }).waitFor();
  await celebration.getByText('Finish your first workout.').waitFor();
  await celebration.getByText('First record', { exact: true }).waitFor();
  await shot(page, 'gamification-03-celebration');
  assert.deepEqual(await accessibilityProblems(page), [], 'the summary with a new badge');
});

test('the challenge shows her progress, her profile the badge, the leaderboard her place', async () => {
  await page.goto(`${server.url}/challenges/${challengeId}`);
  await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await page.getByText('1 workout of 3 workouts').waitFor();
  const standings = page.getByRole('region', { name: 'Standings' });
  const mine = standings.getByRole('listitem').filter({ hasText: MEMBER.name });
  await mine.getByText('You', { exact: true }).waitFor();
  await mine.getByText('1 workout', { exact: true }).waitFor();
  await shot(page, 'gamification-04-challenge');

  await page.goto(`${server.url}/profile`);
  const achievements = page.getByRole('region', { name: 'Achievements' });
  await achievements.getByText('Level 1').waitFor();
  await achievements.getByText('1 week', { exact: true }).waitFor();
  const badges = achievements.getByRole('list', { name: /^Badges/ });
  const first = badges.getByRole('listitem').filter({ hasText: 'First workout' });
  await first.getByText(/^Earned /).waitFor();
  // The badge has its own drawing, loaded with the first badge shown.
  await first.locator('svg[data-badge="first_workout"]').waitFor();
  const tenth = badges.getByRole('listitem').filter({ hasText: '10 workouts' });
  await tenth.getByRole('progressbar', { name: 'Progress to 10 workouts' }).waitFor();
  assert.equal(await tenth.getByRole('progressbar').getAttribute('aria-valuenow'), '1');
  await shot(page, 'gamification-05-profile');
  assert.deepEqual(await accessibilityProblems(page), [], 'the profile with achievements');

  await goToNav(page, 'Leaderboards');
  await page.getByRole('heading', { name: 'Leaderboards', level: 1 }).waitFor();
  const board = page.getByRole('list', { name: 'Volume' });
  const place = board.getByRole('listitem').filter({ hasText: MEMBER.name });
  await place.getByText('300 kg', { exact: true }).waitFor();
  await place.getByText('You', { exact: true }).waitFor();
  assert.equal(await place.getAttribute('aria-current'), 'true');
  assert.match(await place.locator('.gm-rank').innerText(), /1$/);
  await button('This month').click();
  await page.waitForURL(/period=month/);
  await place.getByText('300 kg', { exact: true }).waitFor();
  await shot(page, 'gamification-06-leaderboard');
  assert.deepEqual(await accessibilityProblems(page), [], 'the leaderboard');
});
