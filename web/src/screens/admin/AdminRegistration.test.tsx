import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const owner = () => json(200, makeMe({ username: 'root', role: 'owner' }));

describe('AdminRegistration', () => {
  it('changes the registration mode', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, { registration_mode: 'open', registration_mode_locked: false }),
      'PATCH /admin/settings': json(200, { registration_mode: 'invite', registration_mode_locked: false }),
    });
    const app = renderApp('/admin/registration');
    expect(await screen.findByLabelText(/^Open/)).toBeChecked();
    await app.user.click(screen.getByLabelText(/^Invite only/));
    await waitFor(() => expect(screen.getByLabelText(/^Invite only/)).toBeChecked());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ registration_mode: 'invite' });
  });

  it('shows a mode fixed by the server configuration read-only', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': owner(),
      'GET /admin/settings': json(200, { registration_mode: 'closed', registration_mode_locked: true }),
    });
    renderApp('/admin/registration');
    expect(await screen.findByText(/fixed in the server configuration/)).toBeInTheDocument();
    expect(screen.getByText('Closed')).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('keeps members out of the admin area', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()) });
    const app = renderApp('/admin/users');
    await waitFor(() => expect(app.path()).toBe('/'));
  });
});
