// The accounts journey in a real browser against the real server:
// owner setup → invite → register → sign in → profile → token → 2FA → Russian → sign out →
// sign in with a recovery code → admin disables the user → the user can no longer sign in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { DESKTOP, launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { goToNav, mainNav, moreButton, openMore } from './helpers/nav.mjs';
import { totpFromUrl } from './helpers/totp.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const MEMBER = { username: 'bob', password: 'member-pass-3141', name: 'Bob Lifter' };

let server;
let browser;
let page;
let inviteLink;
let recoveryCodes = [];

before(async () => {
  server = await startGymbox();
  browser = await launch({ viewport: PHONE });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const label = (text) => page.getByLabel(text, { exact: true });
const button = (name) => page.getByRole('button', { name, exact: true });

async function signIn(user, { password = user.password } = {}) {
  await label(/^(Username or email|Имя пользователя или эл. почта)$/).fill(user.username);
  await label(/^(Password|Пароль)$/).fill(password);
  await button(/^(Sign in|Войти)$/).click();
}

async function signOutFromSettings(signOutLabel = 'Sign out') {
  await page.goto(`${server.url}/settings`);
  await button(signOutLabel).click();
  await page.waitForURL(/\/login$/);
}

test('the owner sets up a fresh server from the printed link', async () => {
  assert.ok(server.setupCode, 'the server printed a setup code');
  await page.goto(`${server.url}/setup?code=${server.setupCode}`);
  await page.getByRole('heading', { name: 'Set up Gymbox' }).waitFor();
  assert.equal(await label('Setup code').inputValue(), server.setupCode);
  await label('Username').fill(OWNER.username);
  await label('Display name (optional)').fill(OWNER.name);
  await label('Password').fill('short');
  await button('Create owner account').click();
  await page.getByText(/Choose a password of 10–256 characters/).waitFor();
  await shot(page, '01-setup-error');
  await label('Password').fill(OWNER.password);
  await button('Create owner account').click();
  await page.getByRole('heading', { name: `Hi, ${OWNER.name}!` }).waitFor();
  await shot(page, '02-home-owner');
});

test('the owner creates an invite link', async () => {
  // Phones show four tabs and "More"; Admin is in its sheet.
  const tabs = mainNav(page).locator(':scope > a:visible, :scope > button:visible');
  assert.deepEqual(await tabs.allTextContents(), ['Home', 'Feed', 'Workouts', 'Plans', 'More']);
  assert.ok(await mainNav(page).evaluate((nav) => nav.scrollWidth <= nav.clientWidth), 'the phone bar fits without scrolling');
  const sheet = await openMore(page);
  assert.deepEqual(await sheet.getByRole('link').allTextContents(), ['Clubs', 'Challenges', 'Leaderboards', 'Exercises', 'Progress', 'Body', 'My members', 'Coaching', 'Profile', 'Settings', 'Feedback', 'Admin']);
  await shot(page, '02a-more-menu');
  assert.deepEqual(await accessibilityProblems(page), [], 'more menu');
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'hidden' });
  await goToNav(page, 'Admin');
  await page.waitForURL(/\/admin\/users$/);
  assert.match(await moreButton(page).getAttribute('class'), /\bactive\b/, '"More" is marked while in a section it holds');
  await page.getByRole('link', { name: 'Invites' }).click();
  await label('How many people').fill('2');
  await button('Create invite').click();
  inviteLink = (await page.getByTestId('invite-link').textContent()).trim();
  assert.match(inviteLink, /\/register\?invite=\S+$/);
  await page.getByText('1 of 2 uses').or(page.getByText('0 of 2 uses')).waitFor();
  await shot(page, '03-admin-invites');
  await signOutFromSettings();
});

test('a new member registers with the invite and signs in', async () => {
  await page.goto(inviteLink);
  await label('Invite code').waitFor();
  await label('Username').fill(MEMBER.username);
  await label('Display name (optional)').fill('Bob');
  await label('Email (optional)').fill('bob@example.com');
  await label('Password').fill(MEMBER.password);
  await shot(page, '04-register');
  await button('Create account').click();
  await page.getByText('Your account is ready. Sign in to continue.').waitFor();
  assert.equal(await label('Username or email').inputValue(), MEMBER.username);
  await label('Password').fill('wrong-password-1');
  await button('Sign in').click();
  await page.getByText('Wrong username, email or password.').waitFor();
  await shot(page, '05-login-error');
  assert.deepEqual(await accessibilityProblems(page), [], 'sign-in screen with an error');
  await signIn(MEMBER);
  await page.getByRole('heading', { name: 'Hi, Bob!' }).waitFor();
  await shot(page, '06-home-member');
  assert.deepEqual(await accessibilityProblems(page), [], 'home screen');
  const sheet = await openMore(page);
  assert.deepEqual(await sheet.getByRole('link').allTextContents(), ['Clubs', 'Challenges', 'Leaderboards', 'Exercises', 'Progress', 'Body', 'Coaching', 'Profile', 'Settings', 'Feedback'], 'no Admin or My members for members');
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'hidden' });
});

test('the member edits the profile and sees the public page', async () => {
  await goToNav(page, 'Profile');
  await label('Display name').fill(MEMBER.name);
  await label('About you').fill('Deadlifts on Mondays.');
  await button('Save').click();
  await page.getByText('Saved.').waitFor();
  await page.locator('input[type="file"]').setInputFiles(new URL('../public/icons/icon-192.png', import.meta.url).pathname);
  await button('Remove photo').waitFor();
  const avatar = page.locator('.avatar-editor img.avatar');
  await avatar.waitFor();
  assert.ok(await avatar.evaluate((img) => img.complete && img.naturalWidth > 0), 'the uploaded photo is shown');
  await shot(page, '07-profile');
  await page.getByRole('link', { name: 'See your public page' }).click();
  await page.getByRole('heading', { name: MEMBER.name }).waitFor();
  await page.getByText('Deadlifts on Mondays.').waitFor();
  await shot(page, '08-public-profile');
  await page.goto(`${server.url}/u/nobody-here`);
  await page.getByText('There is no profile @nobody-here, or it is private.').waitFor();
});

test('the member creates an API token and sees the secret once', async () => {
  await page.goto(`${server.url}/settings/tokens`);
  await page.getByText('You have no API tokens.').waitFor();
  await label('Name').fill('Home Assistant');
  await button('Create token').click();
  const secret = (await page.getByTestId('token-secret').textContent()).trim();
  assert.ok(secret.length >= 20, 'token secret is shown');
  await shot(page, '09-token-created');
  const res = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
  assert.equal(res.status, 200, 'the shown token works');
  await button('Done').click();
  await page.getByText('Home Assistant', { exact: true }).waitFor();
  assert.equal(await page.getByText(secret).count(), 0);
});

test('the member turns on two-step verification', async () => {
  await page.goto(`${server.url}/settings/security`);
  await label('Your password').fill(MEMBER.password);
  const setup = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/totp/setup'));
  await button('Continue').click();
  const { otpauth_url: otpauthUrl } = await (await setup).json();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  await shot(page, '10-totp-qr');
  assert.deepEqual(await accessibilityProblems(page), [], 'two-step setup');
  await label('Code from the app').fill(totpFromUrl(otpauthUrl));
  await button('Turn on').click();
  await page.getByTestId('recovery-codes').waitFor();
  recoveryCodes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
  assert.ok(recoveryCodes.length >= 5, 'recovery codes are shown');
  await shot(page, '11-recovery-codes');
  await button('I saved them').click();
  await page.getByText('On', { exact: true }).waitFor();
});

test('the member sees the signed-in devices', async () => {
  await page.goto(`${server.url}/settings/sessions`);
  await page.getByText('This device').waitFor();
  await shot(page, '12-sessions');
});

test('switching the language to Russian changes the interface', async () => {
  await page.goto(`${server.url}/settings/preferences`);
  await label('Language').selectOption('ru');
  await label('Time zone').selectOption('Europe/Moscow');
  await page.getByText('Imperial', { exact: true }).click();
  await button('Save').click();
  await page.getByRole('heading', { name: 'Предпочтения' }).waitFor();
  await moreButton(page).getByText('Ещё').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  await page.getByText('Например, 220,5 фнт, 15,7 дюйм.').waitFor();
  await shot(page, '13-preferences-ru');
  assert.deepEqual(await accessibilityProblems(page), [], 'preferences in Russian');
  await page.goto(`${server.url}/settings`);
  await page.getByRole('link', { name: /^Двухэтапная проверка/ }).waitFor();
  await shot(page, '14-settings-menu-ru');
  await page.setViewportSize(DESKTOP);
  await page.goto(`${server.url}/settings/privacy`);
  await page.getByRole('heading', { name: 'Приватность' }).waitFor();
  await shot(page, '15-desktop-settings-ru');
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: `Привет, ${MEMBER.name}!` }).waitFor();
  await shot(page, '16-desktop-home-ru');
  await page.setViewportSize(PHONE);
});

test('signing out and back in asks for the second step', async () => {
  const sheet = await openMore(page);
  await sheet.getByRole('button', { name: 'Выйти', exact: true }).click();
  await page.waitForURL(/\/login$/);
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await signIn(MEMBER);
  await page.getByRole('heading', { name: 'Двухэтапная проверка' }).waitFor();
  await label('Код').fill('000000');
  await button('Подтвердить').click();
  await page.getByText(/Код не подходит/).waitFor();
  await shot(page, '17-login-code-ru');
  await label('Код').fill(recoveryCodes[0]);
  await button('Подтвердить').click();
  await page.getByRole('heading', { name: `Привет, ${MEMBER.name}!` }).waitFor();
  await signOutFromSettings('Выйти');
});

test('the owner disables the member, who then cannot sign in', async () => {
  await signIn(OWNER);
  // The owner's profile language (English) takes over after sign-in.
  await page.getByRole('heading', { name: `Hi, ${OWNER.name}!` }).waitFor();
  await page.goto(`${server.url}/admin/users`);
  await label('Search by username').fill('bo');
  const row = page.locator(`li[data-username="${MEMBER.username}"]`);
  await row.waitFor();
  await page.waitForFunction(() => !document.querySelector('li[data-username="olga"]'));
  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByText('Disabled', { exact: true }).waitFor();
  await row.getByRole('button', { name: 'Enable' }).waitFor();
  await shot(page, '18-admin-users');
  assert.deepEqual(await accessibilityProblems(page), [], 'admin users');
  await signOutFromSettings();
  await signIn(MEMBER);
  await page.getByText('This account has been disabled. Contact an administrator.').waitFor();
  await shot(page, '19-login-disabled');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '21-login-disabled-dark');
  assert.deepEqual(await accessibilityProblems(page), [], 'dark theme');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});
