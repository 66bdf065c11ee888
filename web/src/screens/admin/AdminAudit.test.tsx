import { screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { instance, json, makeMe, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { actionText, AUDIT_ACTIONS } from './AdminAudit';
import '../../i18n/admin';

const entry = (id: string, action: string, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-12-02T09:00:00Z',
  actor: { username: 'root', display_name: 'Root' },
  action,
  subject: { username: 'anna', display_name: 'Anna' },
  report_id: null,
  note: '',
  via_cli: false,
  ...over,
});

describe('the audit log', () => {
  it('has words for every action the server records, in both languages', async () => {
    for (const lng of ['en', 'ru']) {
      await i18n.changeLanguage(lng);
      for (const action of AUDIT_ACTIONS) {
        const text = actionText(i18n.t, action);
        expect(text, `${lng} ${action}`).not.toBe(action);
        expect(text, `${lng} ${action}`).not.toMatch(/admin\.audit/);
      }
    }
    expect(actionText(i18n.t, 'gym.renamed')).toBe('gym.renamed');
  });

  it('names each action, marks the command line and shows the note', async () => {
    mockApi({
      'GET /instance': instance(),
      'GET /me': json(200, makeMe({ username: 'root', role: 'owner' })),
      'GET /admin/audit': json(200, {
        items: [
          entry('a1', 'user.create', { subject: { username: 'mia', display_name: 'Mia' } }),
          entry('a2', 'settings.change', { subject: null, note: 'name: Iron Temple → Steel Barn' }),
          entry('a3', 'user.password_reset_link', { actor: null, via_cli: true }),
          entry('a4', 'gym.renamed', { subject: null }),
          entry('a5', 'user.totp_off', { via_cli: true }),
        ],
        next_cursor: null,
      }),
    });
    renderApp('/admin/audit');
    const rows = await screen.findAllByRole('listitem');
    const text = rows.map((r) => r.querySelector('.row-title')!.textContent);
    expect(text).toEqual([
      'Root created the account of Mia',
      'Root changed the gym’s settings',
      'The server’s operator made a password reset link for Anna',
      'Root gym.renamed',
      'Root turned off two-step verification of Anna',
    ]);
    expect(within(rows[1]!).getByText('Note: name: Iron Temple → Steel Barn')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('command line')).toBeInTheDocument();
    expect(within(rows[4]!).getByText('command line')).toBeInTheDocument();
    expect(within(rows[0]!).queryByText('command line')).not.toBeInTheDocument();
    expect(within(rows[0]!).getByRole('link', { name: 'Mia' })).toHaveAttribute('href', '/u/mia');
  });
});
