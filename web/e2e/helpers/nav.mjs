// The main navigation: on phones four tabs and "More", whose sheet holds the other destinations.
const NAV = /^(Main|Главное меню)$/;
const MORE = /^(More|Ещё)$/;

export const mainNav = (page) => page.getByRole('navigation', { name: NAV });
export const moreButton = (page) => mainNav(page).getByRole('button', { name: MORE });
export const moreSheet = (page) => page.getByRole('dialog', { name: MORE });

/** Opens the phone bar's "More" sheet and returns it. */
export async function openMore(page) {
  await moreButton(page).click();
  const sheet = moreSheet(page);
  await sheet.waitFor();
  return sheet;
}

/** Follows a destination of the main navigation: its tab when visible, otherwise through "More". */
export async function goToNav(page, name) {
  await mainNav(page).waitFor();
  const tab = mainNav(page).getByRole('link', { name, exact: true });
  if (await tab.isVisible()) {
    await tab.click();
    return;
  }
  const sheet = await openMore(page);
  await sheet.getByRole('link', { name, exact: true }).click();
  await sheet.waitFor({ state: 'hidden' });
}
