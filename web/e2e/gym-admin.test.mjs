// Running the gym, on a phone against the real server: the owner makes an account without a
// password and hands over the set-password link → in a fresh browser the new member sets a
// password (a weak one is refused with the server's reason), signs in and sends a bug report
// from the screen she is on → the owner answers it and plans it → she sees the answer → the
// owner renames the gym, moves its time zone, edits its plates and uploads a logo → the usage
// page counts what happened → the audit log lists it all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { ApiSession, setUpGym } from './helpers/api.mjs';
import { accessibilityProblems } from './helpers/axe.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav, openMore } from './helpers/nav.mjs';
import { signIn } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const NINA = { username: 'nina', password: 'chalk dust and kettlebells', name: 'Nina' };
const BUG = 'The exercise list forgets my muscle filter when I come back.';
const ANSWER = 'Thanks, Nina! We will fix it in the next version.';

let server;
let owner;
let member;
let ownerApi;
let resetLink;

before(async () => {
  server = await startGymbox();
  ({ owner: ownerApi } = await setUpGym(server, OWNER, []));
  owner = await launch({ viewport: PHONE });
  member = await launch({ viewport: PHONE });
});

after(async () => {
  await owner?.close();
  await member?.close();
  await server?.stop();
});

const adminTab = (page, name) => page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();

/** A 32 × 32 PNG of one colour, as an image editor would save it. */
function png() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const size = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0xc2, 0x41, 0x0c]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

test('the owner makes an account without a password and gets a one-time link', async () => {
  const page = owner.page;
  await signIn(page, server.url, OWNER);
  await goToNav(page, 'Admin');
  await page.waitForURL(/\/admin\/users$/);
  await page.getByRole('button', { name: 'New account', exact: true }).click();
  const form = page.getByRole('form', { name: 'New account' });
  await form.getByLabel('Username', { exact: true }).fill(NINA.username);
  await form.getByLabel('Display name (optional)', { exact: true }).fill(NINA.name);
  await form.getByLabel('Role', { exact: true }).selectOption('member');
  await form.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.getByRole('heading', { name: `Account @${NINA.username} created` }).waitFor();
  resetLink = (await page.getByTestId('reset-link').textContent()).trim();
  assert.match(resetLink, new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')}/reset-password#token=.+`));
  await page.getByText(/^Valid until .+, for one use\.$/).waitFor();
  await page.getByRole('button', { name: 'Copy link', exact: true }).waitFor();
  await shot(page, 'gym-01-account-link');
  assert.deepEqual(await accessibilityProblems(page), [], 'the new account and its link');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.locator(`li[data-username="${NINA.username}"]`).waitFor();
});

test('the new member sets her password with the link in a fresh browser, and signs in', async () => {
  const page = member.page;
  await page.goto(resetLink);
  await page.getByRole('heading', { name: 'Set your password', level: 1 }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill('nina-nina-nina');
  await page.getByLabel('Repeat the password', { exact: true }).fill('nina-nina-nina');
  await page.getByRole('button', { name: 'Set password', exact: true }).click();
  await page.getByText('The password must not contain the username.').waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'the set-password page');
  await page.getByLabel('New password', { exact: true }).fill(NINA.password);
  await page.getByLabel('Repeat the password', { exact: true }).fill(NINA.password);
  await page.getByRole('button', { name: 'Set password', exact: true }).click();
  await page.getByText('Password changed. You can sign in with it now.').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the spent token leaves the address bar');
  await shot(page, 'gym-02-password-set');

  // The link works once.
  await page.goto('about:blank');
  await page.goto(resetLink);
  await page.getByLabel('New password', { exact: true }).fill('another good passphrase');
  await page.getByLabel('Repeat the password', { exact: true }).fill('another good passphrase');
  await page.getByRole('button', { name: 'Set password', exact: true }).click();
  await page.getByText(/^This link does not work any more/).waitFor();

  await signIn(page, server.url, NINA);
});

test('she sends a bug report from the screen she is on', async () => {
  const page = member.page;
  await goToNav(page, 'Exercises');
  await page.waitForURL(/\/exercises$/);
  const sheet = await openMore(page);
  await sheet.getByRole('link', { name: 'Feedback', exact: true }).click();
  await page.getByRole('heading', { name: 'Feedback', level: 1 }).waitFor();
  const form = page.getByRole('form', { name: 'Send feedback' });
  await form.getByRole('radio', { name: /^Bug report/ }).check();
  await form.getByLabel('What happened, and what did you expect?', { exact: true }).fill(BUG);
  await form.getByRole('checkbox', { name: /Include the screen I’m on/ }).check();
  await form.getByText('/exercises', { exact: true }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'the feedback form');
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/^Thank you! Your bug report was sent\./).waitFor();
  const mine = page.getByRole('list', { name: 'My feedback' });
  await mine.getByText(BUG).waitFor();
  await mine.getByText('Screen: /exercises').waitFor();
  await mine.getByText('No answer yet.').waitFor();
  await shot(page, 'gym-03-feedback-sent');
});

test('the owner answers it and plans it; she is told and reads the answer', async () => {
  const page = owner.page;
  await adminTab(page, 'Feedback');
  const inbox = page.getByRole('list', { name: 'Feedback: New' });
  const item = inbox.getByRole('listitem').filter({ hasText: BUG });
  await item.getByRole('heading', { name: `Bug report from ${NINA.name}` }).waitFor();
  await item.getByRole('link', { name: '/exercises', exact: true }).waitFor();
  await item.getByLabel('Answer', { exact: true }).fill(ANSWER);
  await item.getByRole('button', { name: 'Send answer', exact: true }).click();
  await item.getByText('Answer saved. The member is notified.').waitFor();
  await shot(page, 'gym-04-feedback-inbox');
  assert.deepEqual(await accessibilityProblems(page), [], 'the feedback inbox');
  await item.getByLabel('Status', { exact: true }).selectOption('planned');
  await page.getByText('Moved to “Planned”.').waitFor();
  await page.getByRole('button', { name: 'Planned', exact: true }).click();
  await page.getByRole('list', { name: 'Feedback: Planned' }).getByText(BUG).waitFor();

  const mine = member.page;
  await mine.goto(`${server.url}/notifications`);
  // Told of the answer (and of the new status, which the server announces the same way).
  await mine.getByRole('link', { name: `New: ${OWNER.name} answered your feedback` }).first().click();
  await mine.waitForURL(/\/feedback$/);
  const answered = mine.getByRole('list', { name: 'My feedback' }).getByRole('listitem').filter({ hasText: BUG });
  await answered.getByText(ANSWER).waitFor();
  await answered.getByText('Planned', { exact: true }).waitFor();
  await shot(mine, 'gym-05-feedback-answered');
});

test('the owner renames the gym, moves its time zone, edits its plates and uploads a logo', async () => {
  const page = owner.page;
  await adminTab(page, 'Gym');
  const details = page.getByRole('form', { name: 'Your gym' });
  await details.getByLabel('Name', { exact: true }).fill('Steel Barn');
  await details.getByRole('searchbox', { name: 'Find a time zone' }).fill('new york');
  assert.equal(await details.getByLabel('Time zone', { exact: true }).inputValue(), 'America/New_York');
  await details.getByRole('button', { name: 'Save', exact: true }).click();
  await details.getByText('Saved.').waitFor();
  await page.locator('.topbar .brand').getByText('Steel Barn').waitFor();

  const plates = page.getByRole('form', { name: 'Plates and bars' });
  const kg = plates.getByRole('group', { name: 'Plates in kilograms' });
  await kg.getByRole('button', { name: 'Add a plate (kg)' }).click();
  const count = await kg.getByRole('textbox').count();
  await kg.getByLabel(`Plate ${count} (kg)`, { exact: true }).fill('0.5');
  await plates.getByLabel('Bar (lb)', { exact: true }).fill('35');
  await plates.getByRole('button', { name: 'Save plates', exact: true }).click();
  await plates.getByText('Saved.').waitFor();

  await page.getByLabel('Choose an image').setInputFiles({ name: 'barn.png', mimeType: 'image/png', buffer: png() });
  await page.getByRole('img', { name: 'The new logo, not uploaded yet' }).waitFor();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.getByText('The new logo is shown everywhere.').waitFor();
  await page.locator('.topbar .brand img.brand-logo').waitFor();
  await shot(page, 'gym-06-settings');
  assert.deepEqual(await accessibilityProblems(page), [], 'the gym settings');

  // What everyone sees, after a reload.
  await page.reload();
  await page.getByRole('form', { name: 'Your gym' }).getByLabel('Name', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Steel Barn');
  assert.equal(await page.getByLabel('Time zone', { exact: true }).inputValue(), 'America/New_York');
  const gym = await new ApiSession(server.url).get('/instance');
  assert.equal(gym.name, 'Steel Barn');
  assert.equal(gym.timezone, 'America/New_York');
  assert.deepEqual(gym.plates.kg.at(-1), 0.5);
  assert.equal(gym.plates.bar_lb, 35);
  assert.ok(gym.logo_url, 'the logo is public');
  const logo = await fetch(new URL(gym.logo_url, server.url));
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get('content-type'), 'image/png');

  // The sign-in page shows the new name and logo too.
  const visitor = await launch({ viewport: PHONE });
  try {
    await visitor.page.goto(`${server.url}/login`);
    const brand = visitor.page.locator('.auth-brand .brand');
    await brand.getByText('Steel Barn').waitFor();
    await brand.locator('img.brand-logo').waitFor();
  } finally {
    await visitor.close();
  }
});

test('the usage page counts what happened, in totals only', async () => {
  const api = await new ApiSession(server.url).signIn(NINA.username, NINA.password);
  const [exercise] = (await api.get('/exercises?q=squat&limit=1')).items;
  const workout = await api.post('/workouts', { title: 'Legs', started_at: new Date(Date.now() - 3_600_000).toISOString() });
  await api.post(`/workouts/${workout.id}/sets`, { exercise_id: exercise.id, weight_kg: 60, reps: 5, completed_at: new Date(Date.now() - 1_800_000).toISOString() });
  await api.patch(`/workouts/${workout.id}`, { finished_at: new Date(Date.now() - 60_000).toISOString() });

  const page = owner.page;
  await adminTab(page, 'Usage');
  await page.getByText(/^Totals only/).waitFor();
  const tile = (name) => page.locator('.usage-tile').filter({ has: page.getByText(name, { exact: true }) }).locator('dd');
  await tile('Members').waitFor();
  assert.equal(await tile('Members').textContent(), '2');
  assert.equal(await tile('New members').textContent(), '2');
  assert.equal(await tile('Workouts').textContent(), '1');
  assert.equal(await tile('Sets').textContent(), '1');
  assert.notEqual(await tile('Active in the latest week').textContent(), '0');
  const features = page.getByRole('region', { name: 'What members use' });
  await features.getByRole('row', { name: /Feedback sent 1/ }).waitFor();
  await features.getByRole('row', { name: /Workouts logged 1/ }).waitFor();
  await page.locator('.usage-chart canvas').first().waitFor();
  await page.getByRole('button', { name: '7 days', exact: true }).click();
  await page.getByRole('button', { name: '7 days', exact: true, pressed: true }).waitFor();
  await shot(page, 'gym-07-usage');
  assert.deepEqual(await accessibilityProblems(page), [], 'the usage page');
});

test('the audit log lists the actions', async () => {
  const page = owner.page;
  await adminTab(page, 'Audit log');
  const entries = page.locator('.audit-list > li');
  await entries.first().waitFor();
  const lines = (await entries.locator('.row-title').allTextContents()).map((s) => s.trim());
  for (const line of [
    `${OWNER.name} created the account of ${NINA.name}`,
    `${OWNER.name} answered or moved feedback from ${NINA.name}`,
    `${OWNER.name} changed the gym’s settings`,
    `${OWNER.name} changed the gym’s logo`,
  ]) {
    assert.ok(lines.includes(line), `${line} in ${JSON.stringify(lines)}`);
  }
  assert.ok(!lines.some((l) => /\b(user|invite|settings|feedback|coaching|exercises)\.[a-z_]+/.test(l)), `no raw action names: ${JSON.stringify(lines)}`);
  await shot(page, 'gym-08-audit');
  assert.deepEqual(await accessibilityProblems(page), [], 'the audit log');
});
