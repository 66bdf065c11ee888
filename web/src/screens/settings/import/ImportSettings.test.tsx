import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, fakeXhr } from '../../../test/fakeXhr';
import { instance, json, makeMe, mockApi, noContent, problem } from '../../../test/mockApi';
import { renderApp } from '../../../test/renderApp';
import { exercise } from '../../exercises/fixtures.test-data';

const DRAFT = {
  id: 'd1',
  format: 'strong',
  file_name: 'strong.csv',
  status: 'draft',
  created_at: '2026-03-01T10:00:00Z',
  applied_at: null,
  workouts: 3,
  sets: 14,
  from: '2024-03-04T18:00:00Z',
  to: '2024-03-08T18:00:00Z',
  already_imported: 1,
  created: 0,
  skipped: 0,
  names: [
    { name: 'Bench Press (Barbell)', sets: 8, exercise: { id: 'barbell-bench-press', name: 'Bench Press (Barbell)' }, suggestions: [] },
    { name: 'Zercher Walk Deluxe', sets: 6, exercise: null, suggestions: [{ id: 'farmers-walk', name: 'Farmer’s Walk' }] },
  ],
  problems: [{ line: 6, message: "'oops' is not a number" }],
  more_problems: 0,
};
const APPLIED = { ...DRAFT, status: 'applied', applied_at: '2026-03-01T10:05:00Z', created: 2, skipped: 1, names: [] };
const EMPTY = { items: [], next_cursor: null };

const base = (over: Record<string, unknown> = {}) => ({
  'GET /instance': instance(),
  'GET /me': json(200, makeMe()),
  'GET /imports': json(200, EMPTY),
  'GET /me/calendar': json(200, { active: false, created_at: null, url: null }),
  ...over,
});

const csv = () => new File(['Date,Workout Name\n'], 'strong.csv', { type: 'text/csv' });

async function readFile(app: ReturnType<typeof renderApp>) {
  await app.user.upload(await screen.findByLabelText('CSV file'), csv());
  await app.user.click(screen.getByRole('button', { name: 'Read the file' }));
  await screen.findByRole('heading', { name: 'What the file holds' });
}

describe('ImportSettings', () => {
  beforeEach(fakeXhr);

  it('reads a file, shows what it holds, maps an unknown name to a new private exercise and applies', async () => {
    const calls = mockApi(
      base({
        'GET /me': json(200, makeMe({ preferences: { units: 'imperial', language: 'en', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })),
        'POST /imports': json(201, DRAFT),
        'POST /imports/d1/apply': json(200, APPLIED),
      }),
    );
    const app = renderApp('/settings/import');
    expect(await screen.findByText(/Imported workouts are private and earn no XP/)).toBeInTheDocument();
    // The member's units decide the default for files that do not say theirs.
    expect(screen.getByRole('button', { name: 'lb' })).toHaveAttribute('aria-pressed', 'true');
    await app.user.click(screen.getByRole('button', { name: 'Hevy' }));
    await app.user.click(screen.getByRole('button', { name: 'Strong' }));
    await readFile(app);
    const upload = calls.find((c) => c.method === 'POST' && c.path === '/imports')!;
    expect(String(upload.body)).toMatch(/name="format"\r\n\r\nstrong/);
    expect(String(upload.body)).toMatch(/name="unit"\r\n\r\nlb/);

    expect(screen.getByText('3 workouts')).toBeInTheDocument();
    expect(screen.getByText('14 sets')).toBeInTheDocument();
    expect(screen.getByText(/^From Mar 4, 2024 to Mar 8, 2024$/)).toBeInTheDocument();
    expect(screen.getByText('1 workout was imported already and will be left out.')).toBeInTheDocument();
    expect(screen.getByText('1 row could not be read')).toBeInTheDocument();
    expect(screen.getByText("'oops' is not a number")).toBeInTheDocument();
    expect(screen.getByText('Line 6')).toBeInTheDocument();

    await app.user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('1 name needs a choice.')).toBeInTheDocument();
    // A matched name is shown with its exercise, and can be changed.
    expect(screen.getByLabelText('Exercise for “Bench Press (Barbell)”')).toHaveValue('ex:barbell-bench-press');
    await app.user.selectOptions(screen.getByLabelText('Exercise for “Zercher Walk Deluxe”'), 'create');
    await app.user.selectOptions(screen.getByLabelText('Main muscle of “Zercher Walk Deluxe”'), 'quadriceps');
    await app.user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByRole('heading', { name: 'History imported' })).toBeInTheDocument();
    expect(screen.getByText('2 workouts imported, 1 already there')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/imports/d1/apply')!.body).toEqual({
      mapping: [{ name: 'Zercher Walk Deluxe', create_muscle: 'quadriceps' }],
    });
    expect(screen.getByRole('link', { name: 'See your history' })).toHaveAttribute('href', '/workouts');
  });

  it('asks for a choice for every unmatched name before applying, and takes one from the catalogue', async () => {
    const calls = mockApi(
      base({
        'POST /imports': json(201, DRAFT),
        'GET /exercises': json(200, { items: [exercise('carry', 'Suitcase Carry', 'Переноска чемодана')], next_cursor: null }),
        'POST /imports/d1/apply': json(200, APPLIED),
      }),
    );
    const app = renderApp('/settings/import');
    await readFile(app);
    await app.user.click(screen.getByRole('button', { name: 'Next' }));
    await app.user.click(await screen.findByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Some names still need a choice.')).toBeInTheDocument();
    expect(screen.getByLabelText('Exercise for “Zercher Walk Deluxe”')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Choose an exercise, or create a private one.')).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/apply'))).toBe(false);

    // A private exercise needs its main muscle too.
    await app.user.selectOptions(screen.getByLabelText('Exercise for “Zercher Walk Deluxe”'), 'create');
    await app.user.click(screen.getByRole('button', { name: 'Import' }));
    expect(calls.some((c) => c.path.endsWith('/apply'))).toBe(false);

    await app.user.click(screen.getByRole('button', { name: 'Search the catalogue for “Zercher Walk Deluxe”' }));
    await app.user.click(await screen.findByRole('option', { name: /Suitcase Carry/ }));
    expect(screen.getByLabelText('Exercise for “Zercher Walk Deluxe”')).toHaveValue('ex:carry');
    expect(screen.queryByText('Some names still need a choice.')).toBeNull();
    await app.user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByRole('heading', { name: 'History imported' });
    expect(calls.find((c) => c.path === '/imports/d1/apply')!.body).toEqual({ mapping: [{ name: 'Zercher Walk Deluxe', exercise_id: 'carry' }] });
  });

  it('shows the server’s reason for a file it cannot read, and for a mapping it refuses', async () => {
    mockApi(
      base({
        'POST /imports': [
          problem(422, 'validation_failed', { errors: [{ field: 'file', code: 'invalid', message: 'This is not a Strong export: the column "Exercise Name" is missing.' }] }),
          json(201, DRAFT),
        ],
        'POST /imports/d1/apply': problem(422, 'validation_failed', { errors: [{ field: 'mapping', code: 'invalid', message: 'Choose an exercise (or a new one) for: Zercher Walk Deluxe.' }] }),
      }),
    );
    const app = renderApp('/settings/import');
    await app.user.click(await screen.findByRole('button', { name: 'Read the file' }));
    expect(await screen.findByText('Choose the exported CSV file first.')).toBeInTheDocument();
    await app.user.upload(screen.getByLabelText('CSV file'), csv());
    await app.user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(await screen.findByText('This is not a Strong export: the column "Exercise Name" is missing.')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Read the file' }));
    await screen.findByRole('heading', { name: 'What the file holds' });
    await app.user.click(screen.getByRole('button', { name: 'Next' }));
    await app.user.selectOptions(await screen.findByLabelText('Exercise for “Zercher Walk Deluxe”'), 'ex:farmers-walk');
    await app.user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Choose an exercise (or a new one) for: Zercher Walk Deluxe.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'History imported' })).toBeNull();
  });

  it('undoes a past import after confirmation, and says when it was undone already', async () => {
    const calls = mockApi(
      base({
        'GET /imports': [json(200, { items: [{ ...APPLIED, id: 'a1', created: 12 }], next_cursor: null }), json(200, { items: [{ ...APPLIED, id: 'a1', status: 'undone' }], next_cursor: null })],
        'DELETE /imports/a1': [problem(409, 'conflict'), json(200, { ...APPLIED, id: 'a1', status: 'undone' })],
      }),
    );
    const app = renderApp('/settings/import');
    const past = await screen.findByRole('region', { name: 'Past imports' });
    expect(await within(past).findByText('strong.csv')).toBeInTheDocument();
    expect(within(past).getByText('Imported')).toBeInTheDocument();
    expect(within(past).getByText('12 workouts imported')).toBeInTheDocument();

    await app.user.click(within(past).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Undo the import of “strong.csv”?')).toBeInTheDocument();
    expect(within(dialog).getByText(/The 12 workouts it created are deleted from your history/)).toBeInTheDocument();
    await app.user.click(within(dialog).getByRole('button', { name: 'Undo' }));
    expect(await within(dialog).findByText('That clashes with something that already exists.')).toBeInTheDocument();
    await app.user.click(within(dialog).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Import undone.')).toBeInTheDocument();
    await waitFor(() => expect(within(past).getByText('Undone')).toBeInTheDocument());
    expect(within(past).queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(calls.filter((c) => c.method === 'DELETE' && c.path === '/imports/a1')).toHaveLength(2);
  });

  it('reads a Gymbox archive with an upload progress bar, shows its parts, and follows a large apply to the end', async () => {
    const contents = {
      format_version: 2,
      exercises: 1,
      gym_exercises: 2,
      plans: 2,
      body_metrics: 3,
      profile: { username: 'mia', display_name: 'Mia M.', bio: '', units: 'metric', language: 'en', timezone: 'Europe/Moscow' },
      profile_applied: false,
      created_exercises: 0,
      created_plans: 0,
      created_body_metrics: 0,
      found: 0,
    };
    const draft = { ...DRAFT, id: 'g1', format: 'gymbox', file_name: 'gymbox-mia.zip', workouts: 130, sets: 700, already_imported: 0, names: [], problems: [], applied_workouts: 0, error: null, contents };
    const running = { ...draft, status: 'applying', applied_workouts: 25 };
    const done = {
      ...draft,
      status: 'applied',
      applied_workouts: 130,
      created: 130,
      contents: { ...contents, created_exercises: 3, created_plans: 2, created_body_metrics: 3, profile_applied: false },
    };
    const calls = mockApi(
      base({
        'POST /imports': json(201, draft),
        'POST /imports/g1/apply': json(200, running),
        'GET /imports/g1': [json(200, { ...running, applied_workouts: 75 }), json(200, done)],
      }),
    );
    const app = renderApp('/settings/import');
    await app.user.click(await screen.findByRole('button', { name: 'Gymbox export (.zip)' }));
    expect(screen.queryByRole('button', { name: 'lb' })).toBeNull();
    const zip = new File([new Uint8Array([0x50, 0x4b, 5, 6])], 'gymbox-mia.zip', { type: 'application/zip' });
    await app.user.upload(screen.getByLabelText('ZIP file'), zip);
    let release = () => {};
    FakeXhr.hold = new Promise((r) => (release = r));
    await app.user.click(screen.getByRole('button', { name: 'Read the file' }));
    const bar = await screen.findByRole('progressbar', { name: 'Uploading the file' });
    await waitFor(() => expect(bar).toHaveAttribute('value', '1'));
    expect(screen.getByText('100% uploaded')).toBeInTheDocument();
    release();
    await screen.findByRole('heading', { name: 'What the file holds' });
    expect(FakeXhr.progress).toEqual([0.5, 1]);
    const upload = calls.find((c) => c.method === 'POST' && c.path === '/imports')!;
    expect(String(upload.body)).toMatch(/name="format"\r\n\r\ngymbox/);
    expect(String(upload.body)).not.toMatch(/name="unit"/);
    expect(upload.headers.get('X-Gymbox-Csrf')).toBe('1');
    expect(screen.getByText('130 workouts')).toBeInTheDocument();
    expect(screen.getByText('1 own exercise')).toBeInTheDocument();
    expect(screen.getByText('2 exercises of the other gym')).toBeInTheDocument();
    expect(screen.getByText('2 plans')).toBeInTheDocument();
    expect(screen.getByText('3 measurements')).toBeInTheDocument();

    await app.user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Every exercise of the file is known: nothing to choose.')).toBeInTheDocument();
    const take = screen.getByRole('checkbox', { name: /Also take over the profile of “Mia M.”/ });
    expect(take).toBeChecked();
    await app.user.click(take);
    await app.user.click(screen.getByRole('button', { name: 'Import' }));
    expect(calls.find((c) => c.path === '/imports/g1/apply')!.body).toEqual({ mapping: [], profile: false });

    // The apply goes on in the background: a bar follows it until the end.
    expect(await screen.findByRole('heading', { name: 'Importing…' })).toBeInTheDocument();
    expect(await screen.findByText('75 of 130 workouts')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Importing…' })).toHaveAttribute('value', '75');
    expect(await screen.findByRole('heading', { name: 'History imported' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText('130 workouts imported, 3 exercises created, 2 plans, 3 measurements')).toBeInTheDocument();
  });

  it('speaks Russian', async () => {
    mockApi(base({ 'GET /me': json(200, makeMe({ preferences: { units: 'metric', language: 'ru', timezone: 'UTC', week_start: 'monday', weekly_target: 3 } })), 'POST /imports': json(201, DRAFT) }));
    const app = renderApp('/settings/import');
    expect(await screen.findByRole('heading', { name: 'Импорт истории' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'кг' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Выгрузка Gymbox (.zip)' })).toBeInTheDocument();
    await app.user.upload(screen.getByLabelText('Файл CSV'), csv());
    await app.user.click(screen.getByRole('button', { name: 'Прочитать файл' }));
    expect(await screen.findByText('3 тренировки')).toBeInTheDocument();
    expect(screen.getByText('14 подходов')).toBeInTheDocument();
    expect(screen.getByText('Строка 6')).toBeInTheDocument();
  });

  it('downloads everything as one file and makes, shows once and stops a calendar address', async () => {
    const url = 'https://gym.example.org/api/v1/calendar/gbc_secret.ics';
    const calls = mockApi(
      base({
        'POST /me/calendar': json(201, { active: true, created_at: '2026-12-06T20:00:00Z', url }),
        'DELETE /me/calendar': noContent(),
      }),
    );
    const app = renderApp('/settings/import');
    const download = await screen.findByRole('link', { name: 'Download everything' });
    expect(download).toHaveAttribute('href', '/api/v1/me/export');
    await app.user.click(await screen.findByRole('button', { name: 'Make a calendar address' }));
    expect(await screen.findByText(url)).toBeInTheDocument();
    expect(screen.getByText(/It is shown only now/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/me/calendar')).toBe(true);
    await app.user.click(screen.getByRole('button', { name: 'Stop the calendar' }));
    const dialog = await screen.findByRole('dialog');
    await app.user.click(within(dialog).getByRole('button', { name: 'Stop the calendar' }));
    await waitFor(() => expect(screen.queryByText(url)).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/me/calendar')).toBe(true);
    expect(screen.getByRole('button', { name: 'Make a calendar address' })).toBeInTheDocument();
  });
});
