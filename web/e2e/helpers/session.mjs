// Signing in and out through the web app, as a member would.
import { openMore } from './nav.mjs';

/** Signs `user` ({username, password, name}) in at `baseUrl` and waits for the home greeting. */
export async function signIn(page, baseUrl, user) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username or email', { exact: true }).fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: `Hi, ${user.name}!` }).waitFor();
}

/** Signs out through the "More" sheet. */
export async function signOut(page) {
  const sheet = await openMore(page);
  await sheet.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/login$/);
}
