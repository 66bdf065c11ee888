import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('blocked members in Settings', () => {
  it('lists them next to Privacy and unblocks one', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/blocks': [json(200, { items: [{ user: { username: 'kim', display_name: 'Kim' }, since: '2026-11-02T10:00:00Z' }] }), json(200, { items: [] })],
      'DELETE /users/kim/block': noContent(),
    });
    const { user } = renderApp('/settings/blocked');
    const menu = await screen.findByRole('navigation', { name: 'Settings' });
    expect(within(menu).getAllByRole('link').map((a) => a.querySelector('.settings-menu-title')?.textContent).slice(0, 3)).toEqual(['Preferences', 'Privacy', 'Blocked members']);
    expect(await screen.findByText('Blocked on Nov 2, 2026')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unblock @kim' }));
    expect(await screen.findByText('You unblocked @kim.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('You have not blocked anyone.')).toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/users/kim/block']);
  });
});
