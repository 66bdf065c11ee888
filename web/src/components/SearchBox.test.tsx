import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../test/mockApi';
import { renderApp } from '../test/renderApp';

const hit = (type: string, id: string, title: string, subtitle = '') => ({ type, id, title, subtitle, score: 1 });

function searchRoutes() {
  return {
    'GET /instance': instance(),
    'GET /me': json(200, makeMe()),
    'GET /search': (call: { path: string }) => {
      const types = new URL(`http://x${call.path}`).searchParams.get('types');
      const items =
        types === 'users'
          ? [hit('user', 'mia', 'Mia Sokolova', '@mia')]
          : types === 'plans'
            ? [hit('plan', 'p1', 'Strength 3-day', '1 × 3')]
            : types === 'clubs'
              ? [hit('club', 'c1', 'Morning Lifters', 'We lift at 7.')]
              : [hit('exercise', 'barbell-bench-press', 'Bench Press (Barbell)', 'chest · barbell'), hit('exercise', 'bench-db', 'Bench Press (Dumbbell)', 'chest · dumbbell')];
      return json(200, { items, complete: true });
    },
  };
}

describe('SearchBox', () => {
  it('groups results as you type and opens one with the keyboard', async () => {
    const calls = mockApi(searchRoutes());
    const { user, path } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Search' });
    await user.type(box, 'str');
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(await within(list).findByRole('group', { name: 'People' })).toHaveTextContent('Mia Sokolova');
    expect(within(list).getByRole('group', { name: 'Plans' })).toHaveTextContent('Strength 3-day');
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Mia Sokolova@mia',
      'Strength 3-day1 week · 3 days',
      'Morning LiftersWe lift at 7.',
      'Bench Press (Barbell)Chest · Barbell',
      'Bench Press (Dumbbell)Chest · Dumbbell',
      'See all results for “str”',
    ]);
    expect(box).toHaveAttribute('aria-expanded', 'true');
    // Debounced: one request per kind for the settled text, not per keystroke.
    expect(calls.filter((c) => c.path.startsWith('/search')).every((c) => c.path.includes('q=str'))).toBe(true);

    await user.keyboard('{ArrowDown}{ArrowDown}');
    const plan = within(list).getByRole('option', { name: /Strength 3-day/ });
    expect(plan).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', plan.id);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(path()).toBe('/plans/p1'));
    expect(box).toHaveValue('');
  });

  it('closes with Escape and opens every result with Enter', async () => {
    mockApi(searchRoutes());
    const { user, path } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Search' });
    await user.type(box, 'mia');
    await screen.findByRole('option', { name: /Mia Sokolova/ });
    await user.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveValue('mia');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(path()).toBe('/search?q=mia'));
    expect(await screen.findByRole('heading', { name: 'People', level: 2 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mia Sokolova' })).toHaveAttribute('href', '/u/mia');
  });

  it('opens a club found by its name', async () => {
    mockApi(searchRoutes());
    const { user, path } = renderApp('/');
    const box = await screen.findByRole('combobox', { name: 'Search' });
    await user.type(box, 'lift');
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(await within(list).findByRole('group', { name: 'Clubs' })).toHaveTextContent('Morning Lifters');
    await user.click(within(list).getByRole('option', { name: /Morning Lifters/ }));
    await waitFor(() => expect(path()).toBe('/clubs/c1'));
  });
});
