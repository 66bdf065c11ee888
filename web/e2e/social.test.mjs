// Following, the feed, kudos, comments and notifications, on a phone against the real server:
// Anna asks to follow Bob (his profile is for followers only) → Bob sees the request in his
// notifications and accepts it, then follows her back → Bob finishes a workout shared with
// followers → Anna finds it in her feed, gives kudos and comments → Bob sees the badge, reads
// the notifications and opens the comment → Anna blocks someone and unblocks them in Settings.
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

let server;
let browser;
let page;
let sessions;
let workout;

before(async () => {
  server = await startGymbox();
  sessions = await setUpGym(server, OWNER, [ANNA, BOB]);
  // Bob shares his profile with approved followers only: following him is a request.
  await sessions[BOB.username].patch('/me', { privacy: { profile_visibility: 'followers' } });
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (name) => page.getByRole('button', { name, exact: true });
const minutesAgo = (m) => new Date(Date.now() - m * 60_000).toISOString();
const signIn = (user) => signInAs(page, server.url, user);
const signOut = () => signOutOf(page);
const bell = () => page.getByRole('banner').getByRole('link', { name: /^Notifications/ });

test('Anna asks to follow Bob, whose profile is for followers only', async () => {
  await signIn(ANNA);
  // The feed is on the phone bar; with nobody followed it says what to do.
  await goToNav(page, 'Feed');
  await page.getByRole('heading', { name: 'Feed', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Your feed is quiet' }).waitFor();
  await shot(page, 'social-01-feed-empty');

  await page.goto(`${server.url}/u/${BOB.username}`);
  await page.getByText(`There is no profile @${BOB.username}, or it is private.`).waitFor();
  await page.getByText(`If @${BOB.username} shares their profile with followers they approve, ask to follow.`, { exact: false }).waitFor();
  await button('Ask to follow').click();
  await page.getByText('Requested', { exact: true }).waitFor();
  await page.getByRole('button', { name: `Withdraw request to follow @${BOB.username}` }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'a hidden profile with a follow request sent');
  const ties = await sessions[ANNA.username].get(`/users/${BOB.username}/relationship`);
  assert.equal(ties.following, 'requested');
});

test('Bob accepts the request from his notifications and follows Anna back', async () => {
  await signOut();
  await signIn(BOB);
  await bell().waitFor();
  // The unread count arrives after the bar is drawn.
  await page.waitForFunction(() => document.querySelector('.topbar-bell')?.getAttribute('aria-label') === 'Notifications, 1 unread');
  await bell().click();
  await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
  const item = page.getByRole('listitem').filter({ hasText: `${ANNA.name} asked to follow you` });
  await item.waitFor();
  await shot(page, 'social-02-follow-request');
  assert.deepEqual(await accessibilityProblems(page), [], 'the notifications with a follow request');
  await item.getByRole('button', { name: `Accept the follow request from @${ANNA.username}` }).click();
  await page.getByText(`@${ANNA.username} now follows you.`).waitFor();
  // Opening the screen read what it showed: no badge any more.
  await page.waitForFunction(() => document.querySelector('.topbar-bell')?.getAttribute('aria-label') === 'Notifications');

  await page.goto(`${server.url}/u/${ANNA.username}`);
  await page.getByRole('heading', { name: ANNA.name, level: 1 }).waitFor();
  await page.getByText('Follows you', { exact: true }).waitFor();
  await button('Follow').click();
  await page.getByRole('button', { name: `Unfollow @${ANNA.username}` }).waitFor();
  await page.getByRole('link', { name: '1 follower', exact: true }).waitFor();
  await shot(page, 'social-03-profile-following');
  assert.deepEqual(await accessibilityProblems(page), [], 'a profile the viewer follows');
  await page.getByRole('link', { name: '1 follower', exact: true }).click();
  await page.getByRole('heading', { name: `Followers of @${ANNA.username}` }).waitFor();
  await page.getByRole('link', { name: BOB.name, exact: true }).waitFor();
});

test('Bob finishes a workout shared with followers', async () => {
  const api = sessions[BOB.username];
  const [exercise] = (await api.get('/exercises?q=squat&limit=1')).items;
  workout = await api.post('/workouts', { title: 'Leg day', started_at: minutesAgo(65), visibility: 'followers' });
  await api.post(`/workouts/${workout.id}/sets`, { exercise_id: exercise.id, weight_kg: 100, reps: 5, completed_at: minutesAgo(40) });
  await api.post(`/workouts/${workout.id}/sets`, { exercise_id: exercise.id, weight_kg: 100, reps: 5, completed_at: minutesAgo(35) });
  await api.patch(`/workouts/${workout.id}`, { finished_at: minutesAgo(2) });
  // His own feed shows it, without a kudos button.
  await goToNav(page, 'Feed');
  const card = page.getByRole('article', { name: 'Leg day' });
  await card.getByText('0 kudos').waitFor();
  assert.equal(await card.getByRole('button', { name: /^Kudos/ }).count(), 0);
});

test('Anna sees it in her feed, gives kudos and comments', async () => {
  await signOut();
  await signIn(ANNA);
  await goToNav(page, 'Feed');
  const card = page.getByRole('article', { name: 'Leg day' });
  await card.getByRole('link', { name: BOB.name, exact: true }).waitFor();
  await card.getByText('1:03', { exact: true }).waitFor();
  await card.getByText('1,000 kg', { exact: true }).waitFor();
  const kudos = card.getByRole('button', { name: 'Kudos 0' });
  assert.equal(await kudos.getAttribute('aria-pressed'), 'false');
  await shot(page, 'social-04-feed');
  assert.deepEqual(await accessibilityProblems(page), [], 'the feed with a workout');
  await kudos.click();
  const given = card.getByRole('button', { name: 'Kudos 1' });
  await given.waitFor();
  await page.waitForFunction(() => document.querySelector('.kudos-btn')?.getAttribute('aria-pressed') === 'true');
  const counts = await sessions[ANNA.username].get(`/workouts/${workout.id}/kudos`);
  assert.deepEqual(counts, { kudos: 1, comments: 0, kudoed: true });

  await card.getByRole('link', { name: '0 comments' }).click();
  await page.waitForURL(new RegExp(`/workouts/${workout.id}#comments$`));
  const comments = page.getByRole('region', { name: /comments?$/i });
  await comments.getByText('No comments yet. Be the first to say something.').waitFor();
  // An empty comment is refused before anything is sent.
  await comments.getByRole('button', { name: 'Post', exact: true }).click();
  await comments.getByText('Write something first.').waitFor();
  await comments.getByLabel('Add a comment').fill(`Strong finish @${BOB.username}!`);
  await comments.getByRole('button', { name: 'Post', exact: true }).click();
  const mine = comments.getByRole('listitem').filter({ hasText: 'Strong finish' });
  await mine.getByRole('link', { name: `@${BOB.username}` }).waitFor();
  assert.equal(await mine.getByRole('link', { name: `@${BOB.username}` }).getAttribute('href'), `/u/${BOB.username}`);
  await page.getByRole('heading', { name: '1 comment' }).waitFor();
  await page.getByRole('button', { name: 'Kudos 1' }).waitFor();
  await shot(page, 'social-05-workout-comments');
  assert.deepEqual(await accessibilityProblems(page), [], 'a workout with kudos and a comment');
});

test('Bob sees the badge, reads his notifications and opens the comment', async () => {
  await signOut();
  await signIn(BOB);
  await page.waitForFunction(() => document.querySelector('.topbar-bell')?.getAttribute('aria-label') === 'Notifications, 2 unread');
  assert.equal(await bell().locator('.nav-count').textContent(), '2');
  await shot(page, 'social-06-badge');
  await bell().click();
  const kudos = page.getByRole('link', { name: `New: ${ANNA.name} gave kudos to your workout` });
  await kudos.waitFor();
  assert.equal(await kudos.getAttribute('href'), `/workouts/${workout.id}`);
  const comment = page.getByRole('link', { name: `New: ${ANNA.name} commented on your workout` });
  await comment.waitFor();
  await page.waitForFunction(() => document.querySelector('.topbar-bell')?.getAttribute('aria-label') === 'Notifications');
  await shot(page, 'social-07-notifications');
  assert.deepEqual(await accessibilityProblems(page), [], 'the notifications');
  assert.equal((await sessions[BOB.username].get('/notifications/unread')).unread, 0);

  await comment.click();
  await page.waitForURL(new RegExp(`/workouts/${workout.id}#comment-`));
  const item = page.getByRole('listitem').filter({ hasText: 'Strong finish' });
  await item.waitFor();
  // The owner of the workout may delete the comment, not edit it; he sees his kudos, no button.
  await item.getByRole('button', { name: `Delete the comment by ${ANNA.name}` }).waitFor();
  assert.equal(await item.getByRole('button', { name: /^Edit/ }).count(), 0);
  await page.getByText('1 kudos', { exact: true }).waitFor();
});

test('Anna blocks a member from the profile menu and unblocks them in Settings', async () => {
  await signOut();
  await signIn(ANNA);
  await page.goto(`${server.url}/u/${OWNER.username}`);
  await page.getByRole('heading', { name: OWNER.name, level: 1 }).waitFor();
  await page.getByRole('button', { name: `More for @${OWNER.username}` }).click();
  await button(`Block @${OWNER.username}`).click();
  const dialog = page.getByRole('dialog', { name: `Block @${OWNER.username}?` });
  await dialog.getByText(/Follows between you end/).waitFor();
  await shot(page, 'social-08-block-confirm');
  await dialog.getByRole('button', { name: 'Block', exact: true }).click();
  await page.getByText(`You blocked @${OWNER.username}.`, { exact: false }).waitFor();

  await page.goto(`${server.url}/settings/blocked`);
  await page.getByRole('heading', { name: 'Blocked members' }).waitFor();
  const row = page.getByRole('listitem').filter({ hasText: `@${OWNER.username}` });
  await row.getByText(/^Blocked on /).waitFor();
  await shot(page, 'social-09-blocked');
  assert.deepEqual(await accessibilityProblems(page), [], 'the blocked members');
  await row.getByRole('button', { name: `Unblock @${OWNER.username}` }).click();
  await page.getByText(`You unblocked @${OWNER.username}.`).waitFor();
  await page.getByText('You have not blocked anyone.').waitFor();
  assert.deepEqual((await sessions[ANNA.username].get('/me/blocks')).items, []);
});
