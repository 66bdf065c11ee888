import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, problem } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('PasswordSettings', () => {
  it('says a wrong current password next to that field (wrong_password); API tokens end as by default', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'POST /me/password': problem(403, 'wrong_password'),
    });
    const { user } = renderApp('/settings/password');
    await user.type(await screen.findByLabelText('Current password'), 'not-my-password');
    await user.type(screen.getByLabelText('New password'), 'a-new-long-passphrase');
    await user.type(screen.getByLabelText('Repeat new password'), 'a-new-long-passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('That is not your current password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ current_password: 'not-my-password', new_password: 'a-new-long-passphrase', keep_tokens: false });
  });
});
