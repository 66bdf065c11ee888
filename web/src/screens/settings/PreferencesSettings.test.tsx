import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('PreferencesSettings', () => {
  it('saves with If-Match, the weekly target too, and switches the interface language', async () => {
    const ru = makeMe({ preferences: { units: 'imperial', language: 'ru', timezone: 'UTC', week_start: 'sunday', weekly_target: 3 } });
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe(), { ETag: '"e1"' }),
      'PATCH /me': json(200, ru, { ETag: '"e2"' }),
    });
    const app = renderApp('/settings/preferences');
    await app.user.selectOptions(await screen.findByLabelText('Language'), 'ru');
    await app.user.click(screen.getByLabelText(/^Imperial/));
    await app.user.click(screen.getByLabelText('Sunday'));
    const target = screen.getByLabelText('Weekly target');
    expect(target).toHaveValue('3');
    await app.user.selectOptions(target, '5');
    expect(screen.getByRole('option', { name: '5 workouts a week' })).toHaveProperty('selected', true);
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'Предпочтения' })).toBeInTheDocument();
    expect(screen.getByText('Сохранено.')).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"e1"');
    expect(patch.body).toEqual({ preferences: { units: 'imperial', language: 'ru', timezone: 'UTC', week_start: 'sunday', weekly_target: 5 } });
  });

  it('explains a concurrent change and reloads the profile', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe(), { ETag: '"e1"' }),
      'PATCH /me': problem(412, 'precondition_failed'),
    });
    const app = renderApp('/settings/preferences');
    await app.user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/changed elsewhere in the meantime/)).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET' && c.path === '/me')).toHaveLength(2));
  });
});
