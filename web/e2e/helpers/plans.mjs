// The coach side of the training journey: a 3-day plan, built in the plan builder on a phone
// and assigned to a member.
//
// With a page (the coach signed in), everything goes through the UI: the exercise picker is
// searched in English and in Russian, targets are typed once and copied with "Add set". Without
// a page (`null`), the same plan is created through the API, for tests that only need it to exist.

/** The plan's days and the exercises they hold, each found in the picker by one query. */
export const PLAN_DAYS = [
  {
    name: 'Day A',
    exercises: [
      { query: 'bench', name: 'Bench Press (Barbell)' },
      { query: 'присед', name: 'Squat (Barbell)' },
    ],
  },
  {
    name: 'Day B',
    exercises: [
      { query: 'deadlift', name: 'Deadlift (Barbell)' },
      { query: 'жим стоя', name: 'Overhead Press (Barbell)' },
    ],
  },
  {
    name: 'Day C',
    exercises: [
      { query: 'bent over row', name: 'Bent Over Row (Barbell)' },
      { query: 'подъём штанги на бицепс', name: 'Bicep Curl (Barbell)' },
    ],
  },
];

/** Every exercise gets 3 × 5 at 60 kg with 60 s rest. */
export const TARGET = { reps: 5, kg: 60, rest: 60, sets: 3 };

async function apiGet(page, path) {
  const res = await page.request.get(new URL(`/api/v1${path}`, page.url()).toString());
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** Opens the picker for a day, searches, and picks the exercise with exactly this name. */
export async function pickExercise(page, day, { query, name }) {
  await day.getByRole('button', { name: 'Add exercise', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add exercise' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: 'Search exercises' }).fill(query);
  // Wait for the results of this query (not the list shown before typing).
  await page.waitForFunction(
    (q) => {
      const input = document.querySelector('.cat-picker input[role="combobox"]');
      const results = document.querySelector('.cat-picker-results');
      return input?.value === q && results && !results.hasAttribute('aria-busy') && document.querySelector('.cat-picker [role="option"]');
    },
    query,
    { timeout: 10_000 },
  );
  await dialog.getByRole('option').filter({ has: page.getByText(name, { exact: true }) }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  return day.getByRole('group', { name, exact: true });
}

/**
 * Types the first set's targets and copies it with "Add set" until there are `sets` (a new
 * exercise starts with three default sets: all but the first go first).
 */
export async function setTargets(exercise, { reps, kg, rest, sets }) {
  const setGroups = exercise.getByRole('group', { name: /^Set \d+$/ });
  while ((await setGroups.count()) > 1) await exercise.getByRole('button', { name: 'Remove set 2', exact: true }).click();
  const first = exercise.getByRole('group', { name: 'Set 1', exact: true });
  await first.getByLabel('Reps', { exact: true }).fill(String(reps));
  await first.getByLabel('Load', { exact: true }).selectOption('kg');
  await first.getByLabel('Value', { exact: true }).fill(String(kg));
  await first.getByLabel('Rest', { exact: true }).fill(String(rest));
  for (let n = 2; n <= sets; n++) {
    await exercise.getByRole('button', { name: 'Add set', exact: true }).click();
    await exercise.getByRole('group', { name: `Set ${n}`, exact: true }).waitFor();
  }
}

/**
 * The coach builds "Strength 3-day" (Day A/B/C, two exercises each, 3 × 5 at 60 kg, 60 s rest)
 * in the plan builder and assigns it to `member` from `startDate`. Returns `{ plan, exercises }`
 * (the six exercises in plan order, as the API describes them).
 *
 * @param {import('playwright-core').Page | null} page the coach's signed-in page (English UI);
 *   null creates the same plan through `api` instead
 * @param {{ member: string, startDate: string, title?: string, baseUrl?: string,
 *   api?: import('./api.mjs').ApiSession }} options
 */
export async function coachBuildsAndAssignsPlan(page, { member, startDate, title = 'Strength 3-day', baseUrl, api }) {
  if (!page) return viaApi({ api, member, startDate, title });
  const origin = baseUrl ?? new URL(page.url()).origin;
  await page.goto(`${origin}/plans/new`);
  await page.getByRole('heading', { name: 'New plan' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Description', { exact: true }).fill('Three full-body days a week.');
  await page.getByLabel('Tags', { exact: true }).fill('strength, full body');
  await page.getByLabel('Goal', { exact: true }).selectOption('strength');

  for (const [i, spec] of PLAN_DAYS.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add day', exact: true }).click();
    const day = page.getByRole('region', { name: `Day ${i + 1}`, exact: true });
    await day.getByLabel('Day name', { exact: true }).fill(spec.name);
    for (const ex of spec.exercises) {
      const block = await pickExercise(page, day, ex);
      await setTargets(block, TARGET);
    }
  }

  await page.getByRole('button', { name: 'Create plan', exact: true }).click();
  await page.waitForURL(/\/plans\/[0-9a-f]{32}$/);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  const planId = new URL(page.url()).pathname.split('/').pop();

  await page.getByLabel('Member', { exact: true }).fill(member);
  await page.getByLabel('Start date', { exact: true }).fill(startDate);
  await page.getByRole('button', { name: 'Assign plan', exact: true }).click();
  await page.getByText(`Assigned to @${member} from ${startDate}.`).waitFor();

  const plan = await apiGet(page, `/plans/${planId}`);
  const ids = plan.weeks[0].days.flatMap((d) => d.exercises.map((e) => e.exercise_id));
  const exercises = [];
  for (const id of ids) exercises.push(await apiGet(page, `/exercises/${id}`));
  return { plan, exercises };
}

/** The same plan through the API (no browser). */
async function viaApi({ api, member, startDate, title }) {
  if (!api) throw new Error('coachBuildsAndAssignsPlan needs a page or an api session');
  const exercises = [];
  for (const spec of PLAN_DAYS.flatMap((d) => d.exercises)) {
    const found = await api.get(`/exercises?q=${encodeURIComponent(spec.query)}&limit=50`);
    const match = found.items.find((e) => e.name_en === spec.name);
    if (!match) throw new Error(`no exercise "${spec.name}" for "${spec.query}"`);
    exercises.push(match);
  }
  const target = { kind: 'normal', reps: { min: TARGET.reps, max: TARGET.reps }, load: { kg: TARGET.kg }, rest_s: TARGET.rest };
  const plan = await api.call('POST', '/plans', {
    title,
    description: 'Three full-body days a week.',
    tags: ['strength', 'full body'],
    goal: 'strength',
    visibility: 'private',
    weeks: [
      {
        days: PLAN_DAYS.map((d, i) => ({
          name: d.name,
          notes: '',
          exercises: [exercises[2 * i], exercises[2 * i + 1]].map((e) => ({
            exercise_id: e.id,
            notes: '',
            sets: Array.from({ length: TARGET.sets }, () => target),
          })),
        })),
      },
    ],
  });
  await api.post(`/plans/${plan.id}/assignments`, { username: member, start_date: startDate });
  return { plan, exercises };
}

/** Kept for callers that pick catalogue exercises themselves. */
export async function pickExercises(api, count) {
  const page = await api.get('/exercises?limit=100');
  const picked = page.items.filter((e) => e.logging === 'weight_reps').slice(0, count);
  if (picked.length < count) throw new Error('the catalogue has too few weight exercises');
  return picked;
}
