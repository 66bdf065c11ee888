// The exercise page on a phone (390 × 844), in Russian: the how-to steps in Russian as a
// numbered list, the body diagram with its muscles named in Russian (light and dark), and
// catalogue words such as "lower back" or "ez bar" translated in search results and filters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityProblems } from './helpers/axe.mjs';
import { setUpGym } from './helpers/api.mjs';
import { launch, PHONE, shot } from './helpers/browser.mjs';
import { startGymbox } from './helpers/gymbox.mjs';
import { signIn } from './helpers/session.mjs';

const OWNER = { username: 'olga', password: 'owner-pass-2718', name: 'Olga Owner' };
const MEMBER = { username: 'vera', password: 'member-pass-4669', name: 'Vera', role: 'member' };

let server;
let browser;
let page;
let api;

before(async () => {
  server = await startGymbox();
  const sessions = await setUpGym(server, OWNER, [MEMBER]);
  api = sessions[MEMBER.username];
  browser = await launch({ viewport: PHONE });
  page = browser.page;
  await signIn(page, server.url, MEMBER);
  await api.patch('/me', { preferences: { language: 'ru' } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Elements wider than the phone's screen, or reaching past its right edge. */
const offScreen = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > window.innerWidth + 0.5;
      })
      .map((el) => el.tagName + (el.className && typeof el.className === 'string' ? `.${el.className}` : '')),
  );

test('the squat’s steps are in Russian, numbered, and its muscles are drawn and named', async () => {
  const squat = await api.get('/exercises/barbell-back-squat');
  await page.goto(`${server.url}/exercises/barbell-back-squat`);
  await page.getByRole('heading', { name: 'Приседания со штангой', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Техника выполнения' }).waitFor();

  const steps = page.locator('ol.cat-steps > li');
  assert.equal(await steps.count(), squat.instructions_ru.length);
  assert.deepEqual(await steps.allTextContents(), squat.instructions_ru);
  assert.equal(await page.locator('ol.cat-steps').evaluate((ol) => getComputedStyle(ol).listStyleType), 'decimal', 'a numbered list');
  assert.equal(await page.getByText(squat.instructions[0]).count(), 0, 'no English steps');

  const diagram = page.getByRole('img', { name: /^Схема тела/ });
  assert.equal(
    await diagram.getAttribute('aria-label'),
    'Схема тела. Основные мышцы: Квадрицепс, Ягодицы. Также работают: Бицепс бедра, Приводящие мышцы бедра, Поясница.',
  );
  const box = await diagram.boundingBox();
  assert.ok(box && box.width >= 250 && box.height >= 200, `the diagram is big enough to read (${JSON.stringify(box)})`);
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, 'and fits the screen');
  // Main muscles in the accent colour, helpers lighter, the rest neutral.
  const fills = await page.evaluate(() => {
    const fill = (sel) => getComputedStyle(document.querySelector(sel)).fill;
    return { quads: fill('path[data-muscle="quadriceps"]'), hams: fill('path[data-muscle="hamstrings"]'), chest: fill('path[data-muscle="chest"]') };
  });
  assert.equal(new Set(Object.values(fills)).size, 3, `three different fills: ${JSON.stringify(fills)}`);
  await page.getByText('Основные:').waitFor();
  await page.getByText('Также работают:').waitFor();
  assert.deepEqual(await offScreen(), [], 'nothing reaches past the screen’s edge');
  assert.deepEqual(await accessibilityProblems(page), [], 'the exercise page');
  await shot(page, 'exercise-01-russian');

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => ({
    quads: getComputedStyle(document.querySelector('path[data-muscle="quadriceps"]')).fill,
    hams: getComputedStyle(document.querySelector('path[data-muscle="hamstrings"]')).fill,
    chest: getComputedStyle(document.querySelector('path[data-muscle="chest"]')).fill,
  }));
  assert.equal(new Set(Object.values(dark)).size, 3, 'dark mode keeps the three apart');
  assert.notDeepEqual(dark, fills, 'with colours of its own');
  await shot(page, 'exercise-02-russian-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});

test('search results and the catalogue’s filters speak Russian, two-word terms included', async () => {
  await page.goto(`${server.url}/search?q=${encodeURIComponent('тяга')}&type=exercises`);
  const results = page.locator('.row-meta');
  await results.first().waitFor();
  const metas = await results.allTextContents();
  assert.ok(metas.some((m) => m.includes('Середина спины') || m.includes('Поясница')), `two-word muscles are translated: ${metas.join(' | ')}`);
  assert.deepEqual(metas.filter((m) => /[a-z]{3}/i.test(m)), [], 'no English words left');

  await page.goto(`${server.url}/exercises`);
  const equipment = page.getByRole('combobox', { name: 'Оборудование' });
  const options = await equipment.locator('option').allTextContents();
  assert.deepEqual(options.filter((o) => /[a-z]{3}/.test(o)), [], `every equipment is named in Russian: ${options.join(', ')}`);
  await equipment.selectOption({ label: 'EZ-гриф' });
  await page.getByRole('link', { name: 'Подъём EZ-штанги на бицепс' }).waitFor();
  // That exercise is in the unfiltered list too: wait for the list to be the filtered one.
  await page.waitForFunction(() => {
    const metas = [...document.querySelectorAll('.row-meta')].map((e) => e.textContent ?? '');
    return metas.length >= 3 && metas.every((m) => m.includes('EZ-гриф'));
  });
  const rows = await page.locator('.row-meta').allTextContents();
  assert.ok(rows.length >= 3 && rows.every((r) => r.includes('EZ-гриф')), rows.join(' | '));
  assert.deepEqual(rows.filter((r) => /ez bar|ez_bar/i.test(r)), []);
  assert.deepEqual(browser.errors, [], 'no uncaught errors in the page');
});
