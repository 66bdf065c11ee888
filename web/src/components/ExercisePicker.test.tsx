import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { makeQueryClient } from '../lib/queryClient';
import { json, mockApi } from '../test/mockApi';
import { exercise } from '../screens/exercises/fixtures.test-data';
import { ExercisePicker } from './ExercisePicker';


const BENCH = exercise('bench', 'Bench Press (Barbell)', 'Жим штанги лёжа');
const SQUAT = exercise('squat', 'Squat (Barbell)', 'Приседания со штангой', { primary: ['quadriceps'] });

function renderPicker(onPick = vi.fn(), onClose = vi.fn()) {
  const client = makeQueryClient();
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={client}>
      <ExercisePicker open onClose={onClose} onPick={onPick} />
    </QueryClientProvider>,
  );
  return { user, onPick, onClose };
}

describe('ExercisePicker', () => {
  it('searches as you type and picks with the keyboard', async () => {
    const calls = mockApi({
      'GET /exercises': (call) => json(200, { items: call.path.includes('q=') ? [BENCH] : [BENCH, SQUAT] }),
    });
    const { user, onPick, onClose } = renderPicker();
    expect(await screen.findByRole('option', { name: /Squat \(Barbell\)/ })).toBeInTheDocument();
    const box = screen.getByRole('combobox', { name: 'Search exercises' });
    await user.type(box, 'bench');
    await waitFor(() => expect(screen.queryByRole('option', { name: /Squat/ })).not.toBeInTheDocument());
    expect(calls.some((c) => c.path.includes('q=bench'))).toBe(true);
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(BENCH);
    expect(onClose).toHaveBeenCalled();
    // Picked exercises come first next time.
    expect(JSON.parse(localStorage.getItem('gymbox.recentExercises')!)[0].id).toBe('bench');
  });

  it('shows recently used exercises first and filters by muscle', async () => {
    localStorage.setItem('gymbox.recentExercises', JSON.stringify([SQUAT]));
    const calls = mockApi({ 'GET /exercises': json(200, { items: [BENCH, SQUAT] }) });
    const { user, onPick } = renderPicker();
    const recent = await screen.findByRole('group', { name: 'Recently used' });
    expect(recent).toHaveTextContent('Squat (Barbell)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Muscle' }), 'chest');
    await waitFor(() => expect(calls.some((c) => c.path.includes('muscle=chest'))).toBe(true));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Recently used' })).not.toBeInTheDocument());
    await user.click(await screen.findByRole('option', { name: /Bench Press/ }));
    expect(onPick).toHaveBeenCalledWith(BENCH);
  });

  it('speaks Russian: names, muscles and equipment in the profile language', async () => {
    await i18n.changeLanguage('ru');
    mockApi({ 'GET /exercises': json(200, { items: [BENCH] }) });
    const { user, onPick } = renderPicker();
    const option = await screen.findByRole('option', { name: /Жим штанги лёжа/ });
    expect(option).toHaveTextContent('Грудь · Штанга');
    expect(screen.getByRole('combobox', { name: 'Поиск упражнений' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onPick).toHaveBeenCalledWith(BENCH);
  });

  it('creates a custom exercise when nothing matches', async () => {
    const created = exercise('x1', 'Zercher carry', '', { scope: 'private', primary: ['glutes'], equipment: 'barbell' });
    const calls = mockApi({
      'GET /exercises': (call) => json(200, { items: call.path.includes('q=') ? [] : [BENCH] }),
      'POST /exercises': json(201, created),
    });
    const { user, onPick } = renderPicker();
    await user.type(await screen.findByRole('combobox', { name: 'Search exercises' }), 'Zercher carry');
    expect(await screen.findByText('No exercise matches “Zercher carry”.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Zercher carry');
    await user.selectOptions(screen.getByLabelText('Main muscle'), 'glutes');
    await user.click(screen.getByRole('button', { name: 'Create and add' }));
    await waitFor(() => expect(onPick).toHaveBeenCalledWith(created));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ name_en: 'Zercher carry', primary: ['glutes'], equipment: 'barbell' });
  });
});
