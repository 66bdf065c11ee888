// Clubs, on a phone against the real server: a coach creates a club that needs approval from
// the Clubs screen → a member finds it, asks to join and waits → the coach approves the request
// on the club's page → the member sees the club's feed with the coach's workout.
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
const CLUB = { name: 'Morning Lifters', description: 'Barbell work at 7, Monday to Friday.' };

let server;
let browser;
let page;
let sessions;
let clubUrl;

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

const minutesAgo = (m) => new Date(Date.now() - m * 60_000).toISOString();
const button = (name) => page.getByRole('button', { name, exact: true });
const signIn = (user) => signInAs(page, server.url, user);
const signOut = () => signOutOf(page);

test('a coach creates a club that needs approval', async () => {
  await signIn(COACH);
  await goToNav(page, 'Clubs');
  await page.getByRole('heading', { name: 'Clubs', level: 1 }).waitFor();
  await page.getByText('You are in no club yet. Join one below or create your own.').waitFor();
  await button('Create a club').click();
  const form = page.getByRole('region', { name: 'New club' });
  // A name is needed.
  await form.getByRole('button', { name: 'Create club', exact: true }).click();
  await form.getByText('Please fill this in.').waitFor();
  await form.getByLabel('Name', { exact: true }).fill(CLUB.name);
  await form.getByLabel('Description (optional)').fill(CLUB.description);
  await form.getByRole('radio', { name: /^By approval/ }).check();
  await shot(page, 'clubs-01-create');
  assert.deepEqual(await accessibilityProblems(page), [], 'the new club form');
  await form.getByRole('button', { name: 'Create club', exact: true }).click();

  await page.waitForURL(/\/clubs\/[0-9a-f]+$/);
  clubUrl = page.url();
  await page.getByRole('heading', { name: CLUB.name, level: 1 }).waitFor();
  await page.getByText('Club created. Invite people or share its page.').waitFor();
  await page.getByText('You are an admin of this club.').waitFor();
  await page.getByText('1 member', { exact: true }).waitFor();
  await page.getByText('Nobody is waiting to join.').waitFor();

  // Her workout, shared with the gym, is what the club's feed will show.
  const api = sessions[COACH.username];
  const [exercise] = (await api.get('/exercises?q=squat&limit=1')).items;
  const workout = await api.post('/workouts', { title: 'Front squat wave', started_at: minutesAgo(60), visibility: 'members' });
  await api.post(`/workouts/${workout.id}/sets`, { exercise_id: exercise.id, weight_kg: 80, reps: 3, completed_at: minutesAgo(30) });
  await api.patch(`/workouts/${workout.id}`, { finished_at: minutesAgo(5) });
});

test('a member finds the club and asks to join', async () => {
  await signOut();
  await signIn(MEMBER);
  await goToNav(page, 'Clubs');
  const all = page.getByRole('region', { name: 'All clubs' });
  const row = all.getByRole('listitem').filter({ hasText: CLUB.name });
  await row.getByText('By approval').waitFor();
  await row.getByRole('link', { name: CLUB.name, exact: true }).click();
  await page.getByRole('heading', { name: CLUB.name, level: 1 }).waitFor();
  await page.getByText('The club’s admins approve new members.').waitFor();
  await button('Ask to join').click();
  await page.getByText('You asked to join. The club’s admins will answer your request.').waitFor();
  await button('Withdraw request').waitFor();
  // Not in yet: no feed for her, and the server agrees.
  assert.equal(await page.getByRole('region', { name: 'Club feed' }).count(), 0);
  const clubId = new URL(clubUrl).pathname.split('/').pop();
  await assert.rejects(sessions[MEMBER.username].get(`/feed?scope=club:${clubId}`), /403/);
  await shot(page, 'clubs-02-requested');
  assert.deepEqual(await accessibilityProblems(page), [], 'a club page with a request waiting');
});

test('the coach approves the request', async () => {
  await signOut();
  await signIn(COACH);
  await page.goto(clubUrl);
  const pending = page.getByRole('region', { name: 'Requests and invitations' });
  const requests = pending.getByRole('list', { name: 'Requests to join' });
  await requests.getByRole('link', { name: MEMBER.name, exact: true }).waitFor();
  await shot(page, 'clubs-03-request-to-approve');
  assert.deepEqual(await accessibilityProblems(page), [], 'a club page with a request to answer');
  await requests.getByRole('button', { name: `Approve the request from ${MEMBER.name}` }).click();
  await pending.getByText('Nobody is waiting to join.').waitFor();
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByRole('link', { name: MEMBER.name, exact: true }).waitFor();
  await members.getByRole('button', { name: `Make ${MEMBER.name} a club admin` }).waitFor();
  await page.getByText('2 members', { exact: true }).waitFor();
});

test('the member sees the club’s feed', async () => {
  await signOut();
  await signIn(MEMBER);
  await goToNav(page, 'Clubs');
  const mine = page.getByRole('region', { name: 'Your clubs' });
  await mine.getByRole('link', { name: CLUB.name, exact: true }).click();
  await page.getByText('You are a member of this club.').waitFor();
  const feed = page.getByRole('region', { name: 'Club feed' });
  const card = feed.getByRole('article', { name: 'Front squat wave' });
  await card.getByRole('link', { name: COACH.name, exact: true }).waitFor();
  await shot(page, 'clubs-04-club-feed');
  assert.deepEqual(await accessibilityProblems(page), [], 'a club page with its feed');
  // No admin tools for a plain member.
  assert.equal(await page.getByRole('region', { name: 'Requests and invitations' }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Club settings' }).count(), 0);
});
