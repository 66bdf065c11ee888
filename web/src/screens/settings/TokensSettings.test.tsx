import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi, noContent } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const token = { id: 't1', name: 'Old script', created_at: '2026-01-01T00:00:00Z', last_used_at: null, expires_at: null };

describe('TokensSettings', () => {
  it('shows a new secret once, with a copy button, and revokes after confirmation', async () => {
    const calls = mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe()),
      'GET /me/tokens': [json(200, { items: [token], next_cursor: null }), json(200, { items: [token], next_cursor: null })],
      'POST /me/tokens': json(201, { id: 't2', name: 'Home Assistant', token: 'gbx_secret_value', created_at: '2026-02-01T00:00:00Z', expires_at: null }),
      'DELETE /me/tokens/t1': noContent(),
    });
    const app = renderApp('/settings/tokens');
    expect(await screen.findByText('Old script')).toBeInTheDocument();
    expect(screen.getByText('Never used')).toBeInTheDocument();

    await app.user.type(screen.getByLabelText('Name'), 'Home Assistant');
    await app.user.selectOptions(screen.getByLabelText('Valid for'), 'never');
    await app.user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByTestId('token-secret')).toHaveTextContent('gbx_secret_value');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Home Assistant' });

    await app.user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('gbx_secret_value')).not.toBeInTheDocument();

    await app.user.click(screen.getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Revoke “Old script”?')).toBeInTheDocument();
    await app.user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await screen.findByRole('button', { name: 'Create token' });
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/me/tokens/t1')).toBe(true);
  });

  it('says when there are no tokens', async () => {
    mockApi({ 'GET /instance': instance(), 'GET /me': json(200, makeMe()), 'GET /me/tokens': json(200, { items: [], next_cursor: null }) });
    renderApp('/settings/tokens');
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
  });
});
