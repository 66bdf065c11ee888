// Coaching with consent, on a phone against the real server: the coach asks a member from
// My members → the member sees the request waiting (on More and on the home screen), reads what
// accepting shares and accepts → the coach assigns a plan and the member trains → the coach sees
// this week's training, the plan and planned vs done in My members (light and dark) → assigning
// the plan again warns first → the member ends coaching and the coach loses her → an
// administrator pairs a coach with a member directly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { DESKTOP, launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav, moreButton } from './helpers/nav.mjs';
import { coachBuildsAndAssignsPlan } from './helpers/plans.mjs';
import { signIn as signInAs, signOut as signOutOf } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const COACH = { username: 'kim', password: 'coach-pass-1618', name: 'Coach Kim', role: 'coach' };
const MEMBER = { username: 'mia', password: 'member-pass-4669', name: 'Mia', role: 'member' };
const OTHER = { username: 'bob', password: 'member-pass-9021', name: 'Bob', role: 'member' };

let server;
let browser;
let page;
let sessions;
let plan;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [COACH, MEMBER, OTHER]);
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const minutesAgo = (m) => new Date(Date.now() - m * 60_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
// `minutesAgo`, but never before today's midnight (UTC): the workout must fall on the day the
// plan starts, also when the test runs just after midnight.
const minutesAgoToday = (m) =>
  new Date(Math.max(Date.now() - m * 60_000, Date.parse(`${today()}T00:00:00Z`))).toISOString();

const signIn = (user) => signInAs(page, server.url, user);

const signOut = () => signOutOf(page);

test('the coach asks a member from My members', async () => {
  await signIn(COACH);
  await goToNav(page, 'My members');
  await page.getByRole('heading', { name: 'My members', level: 1 }).waitFor();
  await page.getByText('Nobody has accepted you as coach yet. Ask a member below.').waitFor();
  await page.getByLabel('Member', { exact: true }).fill(MEMBER.username);
  await button('Send request').click();
  await page.getByText(`Request sent to @${MEMBER.username}.`, { exact: false }).waitFor();
  const waiting = page.getByRole('list', { name: 'Waiting for an answer' });
  await waiting.getByRole('link', { name: MEMBER.name, exact: true }).waitFor();
  await waiting.getByRole('button', { name: `Withdraw the request to @${MEMBER.username}` }).waitFor();
  // Nothing is shared before she answers.
  const members = await sessions[COACH.username].get('/coach/members');
  assert.deepEqual(members.items, []);
  await shot(page, 'coaching-01-request-sent');
  assert.deepEqual(await accessibilityProblems(page), [], 'My members with a request waiting');
});

test('the member sees the request waiting, reads what it shares and accepts it', async () => {
  await signOut();
  await signIn(MEMBER);
  // The home screen and the phone bar's More tab say a request waits.
  await page.getByRole('link', { name: /Coach Kim asks to coach you/ }).waitFor();
  assert.equal(await moreButton(page).getAttribute('aria-describedby'), 'more-waiting');
  assert.equal(await page.locator('#more-waiting').textContent(), '1 coaching request waiting');
  await shot(page, 'coaching-02-home-request');
  await goToNav(page, /^Coaching/);
  await page.getByRole('heading', { name: 'Coaching', level: 1 }).waitFor();
  const requests = page.getByRole('region', { name: 'Requests' });
  await requests.getByText(`If you accept, @${COACH.username} can assign you plans and see all your workouts and training stats.`).waitFor();
  await shot(page, 'coaching-03-request');
  assert.deepEqual(await accessibilityProblems(page), [], 'a coaching request waiting for an answer');

  await requests.getByRole('button', { name: `Accept @${COACH.username} as your coach` }).click();
  await page.getByText(`@${COACH.username} is now your coach.`).waitFor();
  const coaches = page.getByRole('region', { name: 'Your coaches' });
  await coaches.getByRole('link', { name: COACH.name, exact: true }).waitFor();
  await coaches.getByText(/^Coaching you since /).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Requests' }).count(), 0);
  assert.equal(await moreButton(page).getAttribute('aria-describedby'), null, 'no request waits any more');
  // She keeps her profile to herself: only her coach sees her training.
  await sessions[MEMBER.username].patch('/me', { privacy: { profile_visibility: 'private' } });
});

test('the coach sees the member’s week, plan and planned vs done in My members', async () => {
  const coachApi = sessions[COACH.username];
  const assigned = await coachBuildsAndAssignsPlan(null, { api: coachApi, member: MEMBER.username, startDate: today() });
  plan = assigned.plan;
  const memberApi = sessions[MEMBER.username];
  const [assignment] = (await memberApi.get('/me/assignments')).items;
  const workout = await memberApi.post('/workouts', {
    started_at: minutesAgoToday(30),
    finished_at: minutesAgoToday(2),
    plan: { plan_id: plan.id, week: 0, day: 0, assignment_id: assignment.id },
  });
  await memberApi.post(`/workouts/${workout.id}/sets`, { exercise_id: assigned.exercises[0].id, weight_kg: 60, reps: 5, completed_at: minutesAgoToday(20) });

  await signOut();
  await signIn(COACH);
  // Coaches find their members from the home screen too.
  await page.getByRole('link', { name: /^My members/ }).click();
  await page.getByRole('heading', { name: 'My members', level: 1 }).waitFor();
  const list = page.getByRole('region', { name: 'Members (1)' });
  const card = list.getByRole('listitem').filter({ hasText: `@${MEMBER.username}` });
  await card.getByText('Trained this week').waitFor();
  await card.getByText('1 workout · target 3').waitFor();
  await card.getByRole('link', { name: 'Strength 3-day' }).waitFor();
  await card.getByText('1 of 3 days done').waitFor();
  await card.getByText('1 of 3 done').waitFor();
  await card.getByText('none missed').waitFor();
  await shot(page, 'coaching-04-my-members');
  assert.deepEqual(await accessibilityProblems(page), [], 'My members with a member who trained');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'coaching-05-my-members-dark');
  assert.deepEqual(await accessibilityProblems(page), [], 'My members in dark mode');
  await page.emulateMedia({ colorScheme: 'light' });
  // On a wide screen the same workspace sits beside the sidebar.
  await page.setViewportSize(DESKTOP);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My members', exact: true }).waitFor();
  await shot(page, 'coaching-05b-my-members-desktop');
  await page.setViewportSize(PHONE);

  // Her profile is private, yet her coach sees her workouts from the card.
  await card.getByRole('link', { name: `Profile and workouts of @${MEMBER.username}` }).click();
  await page.getByText(`This profile is private; you see these workouts because you coach @${MEMBER.username}.`).waitFor();
});

test('assigning a plan to a member who follows one warns first', async () => {
  await page.goto(`${server.url}/plans/${plan.id}`);
  await page.getByLabel('Member', { exact: true }).fill(MEMBER.username);
  await button('Assign plan').click();
  const dialog = page.getByRole('dialog', { name: `${MEMBER.name} already follows a plan` });
  await dialog.getByText(`${MEMBER.name} already follows this plan (week 1 of 1). Start it over from the new start date?`).waitFor();
  await shot(page, 'coaching-06-assign-warning');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const mine = await sessions[MEMBER.username].get('/me/assignments');
  assert.equal(mine.items.length, 1, 'nothing was assigned');
});

test('the member ends coaching and the coach loses access', async () => {
  await signOut();
  await signIn(MEMBER);
  await goToNav(page, 'Coaching');
  const coaches = page.getByRole('region', { name: 'Your coaches' });
  await coaches.getByRole('button', { name: `End coaching with @${COACH.username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Stop @${COACH.username} coaching you?` });
  await dialog.getByText(/loses access to your private workouts and training stats at once/).waitFor();
  await shot(page, 'coaching-07-end-confirm');
  assert.deepEqual(await accessibilityProblems(page), [], 'the end-coaching confirmation');
  await dialog.getByRole('button', { name: 'End coaching', exact: true }).click();
  await page.getByText(`@${COACH.username} no longer coaches you.`).waitFor();
  await coaches.getByText(/^You have no coach\./).waitFor();

  await signOut();
  await signIn(COACH);
  await goToNav(page, 'My members');
  await page.getByText('Nobody has accepted you as coach yet. Ask a member below.').waitFor();
  await page.goto(`${server.url}/u/${MEMBER.username}`);
  await page.getByText(`There is no profile @${MEMBER.username}, or it is private.`).waitFor();
  const stats = await sessions[COACH.username].call('GET', `/users/${MEMBER.username}/stats`).catch((e) => e.message);
  assert.match(String(stats), /→ 404/);
});

test('an administrator pairs a coach with a member directly', async () => {
  await signOut();
  await signIn(OWNER);
  await goToNav(page, 'Admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Coaches', exact: true }).click();
  await page.getByRole('heading', { name: 'Pair a coach with a member' }).waitFor();
  await page.getByLabel('Coach', { exact: true }).fill(COACH.username);
  await page.getByLabel('Member', { exact: true }).fill(OTHER.username);
  await button('Pair them').click();
  await page.getByText(`@${COACH.username} now coaches @${OTHER.username}.`).waitFor();
  await shot(page, 'coaching-08-admin-pair');
  assert.deepEqual(await accessibilityProblems(page), [], 'the admin pairing form');
  const members = await sessions[COACH.username].get('/coach/members');
  assert.deepEqual(
    members.items.map((m) => m.username),
    [OTHER.username],
  );
  // Pairing the same two again is refused with the server's reason next to the member.
  await page.getByLabel('Coach', { exact: true }).fill(COACH.username);
  await page.getByLabel('Member', { exact: true }).fill(OTHER.username);
  await button('Pair them').click();
  await page.getByText('There is already a coaching request or coaching between you two.').waitFor();
});
