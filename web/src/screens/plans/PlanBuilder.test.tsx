import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { exercise } from '../exercises/fixtures.test-data';

const BENCH = exercise('bench', 'Bench Press (Barbell)', 'Жим штанги лёжа');
const SQUAT = exercise('squat', 'Squat (Barbell)', 'Приседания со штангой', { primary: ['quadriceps'] });
const coach = () => json(200, makeMe({ id: 'u1', role: 'coach' }));

const savedPlan = (over: Record<string, unknown> = {}) => ({
  id: 'p1',
  owner_id: 'u1',
  title: 'Strength',
  description: '',
  tags: [],
  goal: 'strength',
  visibility: 'private',
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  version: 3,
  weeks: [
    {
      days: [
        {
          name: 'Day A',
          notes: '',
          exercises: [{ exercise_id: 'bench', notes: '', sets: [{ kind: 'normal', reps: { min: 5, max: 5, amrap: false }, load: { kg: 60, percent_e1rm: null, rpe: null }, rest_s: 120 }] }],
        },
      ],
    },
  ],
  ...over,
});

async function pick(user: ReturnType<typeof renderApp>['user'], day: HTMLElement, name: string) {
  await user.click(within(day).getByRole('button', { name: 'Add exercise' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add exercise' });
  await user.click(await within(dialog).findByRole('option', { name: new RegExp(name.replace(/[()]/g, '\\$&')) }));
  await waitFor(() => expect(screen.queryByRole('listbox', { name: 'Search exercises' })).not.toBeInTheDocument());
}

describe('PlanBuilderScreen', () => {
  it('adds, reorders and duplicates, copies sets, and shows API errors next to their fields', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /exercises': json(200, { items: [BENCH, SQUAT] }),
      'POST /plans': [
        problem(422, 'validation_failed', {
          errors: [
            { field: 'title', message: 'Give the plan a title.' },
            { field: 'weeks[0].days[0].exercises[1].sets[1].reps', message: 'Use 1 to 1000 reps.' },
          ],
        }),
        json(201, savedPlan({ id: 'p9' })),
      ],
      'GET /plans/p9': json(200, savedPlan({ id: 'p9' })),
      'GET /exercises/bench': json(200, BENCH),
    });
    const { user, path } = renderApp('/plans/new');
    await screen.findByRole('heading', { name: 'New plan' });
    await user.type(screen.getByLabelText('Title'), 'x');

    const day1 = screen.getByRole('region', { name: 'Day 1' });
    await pick(user, day1, 'Bench Press (Barbell)');
    await pick(user, day1, 'Squat (Barbell)');
    const names = () => within(day1).getAllByRole('group').filter((g) => g.tagName === 'FIELDSET').map((g) => g.querySelector('.cat-pex-name')!.textContent);
    expect(names()).toEqual(['Bench Press (Barbell)', 'Squat (Barbell)']);

    await user.click(within(day1).getByRole('button', { name: 'Move Squat (Barbell) up' }));
    expect(names()).toEqual(['Squat (Barbell)', 'Bench Press (Barbell)']);

    // A new exercise starts with three work sets of 10 reps; "Add set" copies the previous set.
    const bench = within(day1).getByRole('group', { name: 'Bench Press (Barbell)' });
    const setGroups = () => within(bench).getAllByRole('group', { name: /^Set \d+$/ });
    expect(setGroups()).toHaveLength(3);
    for (const g of setGroups()) expect(within(g).getByLabelText('Reps')).toHaveValue('10');
    const set3 = within(bench).getByRole('group', { name: 'Set 3' });
    await user.clear(within(set3).getByLabelText('Reps'));
    await user.type(within(set3).getByLabelText('Reps'), '5');
    await user.click(within(bench).getByRole('button', { name: 'Add set' }));
    expect(within(within(bench).getByRole('group', { name: 'Set 4' })).getByLabelText('Reps')).toHaveValue('5');

    await user.click(within(day1).getByRole('button', { name: 'Duplicate day' }));
    const day2 = screen.getByRole('region', { name: 'Day 2' });
    expect(within(day2).getByLabelText('Day name')).toHaveValue('Day 1 (copy)');
    expect(within(day2).getByRole('group', { name: 'Bench Press (Barbell)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    const set2 = within(bench).getByRole('group', { name: 'Set 2' });
    expect(await within(set2).findByText('Use 1 to 1000 reps; a range goes from low to high.')).toBeInTheDocument();
    expect(within(set2).getByLabelText('Reps')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Give the plan a title of at most 120 characters.');

    const sent = calls.find((c) => c.method === 'POST' && c.path === '/plans')!.body as { weeks: { days: { name: string; exercises: { exercise_id: string; sets: unknown[] }[] }[] }[] };
    expect(sent.weeks[0]!.days.map((d) => d.exercises.map((e) => e.exercise_id))).toEqual([
      ['squat', 'bench'],
      ['squat', 'bench'],
    ]);
    const ten = { kind: 'normal', reps: { min: 10, max: 10, amrap: false }, rest_s: 90 };
    const five = { kind: 'normal', reps: { min: 5, max: 5, amrap: false }, rest_s: 90 };
    expect(sent.weeks[0]!.days[0]!.exercises[1]!.sets).toEqual([ten, ten, five, five]);
    expect(sent.weeks[0]!.days[0]!.exercises[0]!.sets).toEqual([ten, ten, ten]);

    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    await waitFor(() => expect(path()).toBe('/plans/p9'));
  });

  it('keeps the edit when someone else saved first (412) and can save over it', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /plans/p1': [json(200, savedPlan()), json(200, savedPlan({ version: 4, title: 'Their title' })), json(200, savedPlan({ version: 5, title: 'Mine' }))],
      'GET /exercises/bench': json(200, BENCH),
      'PATCH /plans/p1': [problem(412, 'precondition_failed'), json(200, savedPlan({ version: 5, title: 'Mine' }))],
    });
    const { user, path } = renderApp('/plans/p1/edit');
    const title = await screen.findByLabelText('Title');
    expect(await screen.findByRole('group', { name: 'Bench Press (Barbell)' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Set 1' })).getByLabelText('Value')).toHaveValue('60');
    await user.clear(title);
    await user.type(title, 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    expect(await screen.findByText(/Someone else changed this plan while you were editing/)).toBeInTheDocument();
    expect(title).toHaveValue('Mine');
    expect(calls.find((c) => c.method === 'PATCH')!.headers.get('If-Match')).toBe('"3"');

    await user.click(screen.getByRole('button', { name: 'Save mine over it' }));
    await waitFor(() => expect(path()).toBe('/plans/p1'));
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches[1]!.headers.get('If-Match')).toBe('"4"');
    expect((patches[1]!.body as { title: string }).title).toBe('Mine');
  });

  it('can drop the edit and load the other version instead', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /plans/p1': [json(200, savedPlan()), json(200, savedPlan({ version: 4, title: 'Their title' }))],
      'GET /exercises/bench': json(200, BENCH),
      'PATCH /plans/p1': problem(412, 'precondition_failed'),
    });
    const { user } = renderApp('/plans/p1/edit');
    const title = await screen.findByLabelText('Title');
    await user.type(title, ' 2');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    await user.click(await screen.findByRole('button', { name: 'Load their version' }));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Their title'));
    expect(screen.queryByText(/Someone else changed this plan/)).not.toBeInTheDocument();
  });

  it('asks before leaving with unsaved changes through an in-app link, and not otherwise', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': coach(),
      'GET /plans': json(200, { items: [] }),
      'GET /me/assignments': json(200, { items: [] }),
    });
    const { user, path, router } = renderApp('/plans/new');
    await screen.findByRole('heading', { name: 'New plan' });
    // Nothing typed yet: leaving is free.
    await user.click(screen.getByRole('link', { name: '← All plans' }));
    await waitFor(() => expect(path()).toBe('/plans'));
    // Each screen is lazy: wait until it is on screen, so nothing is typed into the one leaving.
    await screen.findByText(/You have no plans yet/);
    await router.navigate('/plans/new');
    await screen.findByRole('heading', { name: 'New plan' });
    await user.type(screen.getByLabelText('Title'), 'Half-built');
    expect(screen.getByLabelText('Title')).toHaveValue('Half-built');

    await user.click(screen.getByRole('link', { name: '← All plans' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    expect(path()).toBe('/plans/new');
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard unsaved changes?' })).not.toBeInTheDocument());
    expect(path()).toBe('/plans/new');
    expect(screen.getByLabelText('Title')).toHaveValue('Half-built');

    // The browser's Back button is caught too.
    await router.navigate(-1);
    const again = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(again).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(path()).toBe('/plans'));
  });
});
