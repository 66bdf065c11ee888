import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deleteUser, updateUser } from '../../api/admin';
import { makeResetLink, turnOffTotp } from '../../api/gym';
import type { AdminUser, Me, Role } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { ResetLinkNotice } from './ResetLinkNotice';
import '../../i18n/admin';

/** Roles the viewer may hand out: owners make admins, admins make coaches and members. */
export function assignableRoles(viewer: Pick<Me, 'role'>): Role[] {
  return viewer.role === 'owner' ? ['member', 'coach', 'admin'] : ['member', 'coach'];
}

/** Whether the viewer may change this account at all (never the owner, never yourself). */
export function canManage(viewer: Pick<Me, 'role' | 'username'>, user: Pick<AdminUser, 'role' | 'username'>) {
  if (user.username.toLowerCase() === viewer.username.toLowerCase()) return false;
  if (user.role === 'owner') return false;
  if (viewer.role === 'owner') return true;
  return viewer.role === 'admin' && user.role !== 'admin';
}

export function UserRow({ user, viewer }: { user: AdminUser; viewer: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const roleId = useId();
  const [confirming, setConfirming] = useState<'delete' | 'totp' | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['admin', 'users'] });
  const update = useMutation({
    mutationFn: (patch: { role?: Role; status?: AdminUser['status'] }) => updateUser(user.username, patch),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => deleteUser(user.username),
    onSuccess: () => {
      setConfirming(null);
      refresh();
    },
  });
  const resetLink = useMutation({ mutationFn: () => makeResetLink(user.username) });
  const totpOff = useMutation({
    mutationFn: () => turnOffTotp(user.username),
    onSuccess: () => {
      setConfirming(null);
      refresh();
    },
  });
  const manageable = canManage(viewer, user);
  const disabled = user.status === 'disabled';
  return (
    <li className={`row user-row${disabled ? ' row-disabled' : ''}`} data-username={user.username}>
      <div className="row-main">
        <p className="row-title">
          <Link to={`/u/${user.username}`}>{user.display_name || user.username}</Link>
          <span className="muted"> @{user.username}</span>
          {disabled && <span className="badge badge-danger">{t('admin.users.disabled')}</span>}
        </p>
        <p className="row-meta">
          {user.email && <span>{user.email}</span>}
          {user.totp_enabled && <span>{t('admin.users.twoFactor')}</span>}
          <span>{t('admin.users.joined', { date: format.date(user.created_at) })}</span>
          <span>
            {user.last_login_at
              ? t('admin.users.lastLogin', { date: format.dateTime(user.last_login_at) })
              : t('admin.users.neverLoggedIn')}
          </span>
        </p>
        {(update.error || remove.error || resetLink.error) && !confirming && (
          <p className="field-error" role="alert">
            {problemMessage(t, update.error ?? remove.error ?? resetLink.error)}
          </p>
        )}
        {totpOff.isSuccess && !user.totp_enabled && <p role="status">{t('admin.users.totpIsOff', { username: user.username })}</p>}
      </div>
      <div className="row-actions">
        {manageable ? (
          <>
            <label className="visually-hidden" htmlFor={roleId}>
              {t('admin.users.roleOf', { username: user.username })}
            </label>
            <select
              id={roleId}
              value={user.role}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ role: e.target.value as Role })}
            >
              {assignableRoles(viewer).map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <Button small busy={update.isPending} onClick={() => update.mutate({ status: disabled ? 'active' : 'disabled' })}>
              {disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </Button>
            <Button small busy={resetLink.isPending} onClick={() => resetLink.mutate()} aria-label={t('admin.users.resetLinkFor', { username: user.username })}>
              {t('admin.users.resetLink')}
            </Button>
            {user.totp_enabled && (
              <Button small onClick={() => setConfirming('totp')}>
                {t('admin.users.totpOff')}
              </Button>
            )}
            <Button small variant="danger" onClick={() => setConfirming('delete')}>
              {t('admin.users.delete')}
            </Button>
          </>
        ) : (
          <span className={`badge badge-${user.role}`}>{t(`roles.${user.role}`)}</span>
        )}
      </div>
      {resetLink.data && (
        <div className="row-wide">
          <ResetLinkNotice
            link={resetLink.data}
            intro={t('admin.users.resetLinkIntro', { username: user.username })}
            onDone={() => resetLink.reset()}
          />
        </div>
      )}
      <ConfirmDialog
        open={confirming === 'delete'}
        title={t('admin.users.deleteTitle', { username: user.username })}
        confirmLabel={t('admin.users.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          remove.reset();
          setConfirming(null);
        }}
      >
        <p>{t('admin.users.deleteBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'totp'}
        title={t('admin.users.totpOffTitle', { username: user.username })}
        confirmLabel={t('admin.users.totpOff')}
        busy={totpOff.isPending}
        error={totpOff.error ? problemMessage(t, totpOff.error) : null}
        onConfirm={() => totpOff.mutate()}
        onCancel={() => {
          totpOff.reset();
          setConfirming(null);
        }}
      >
        <p>{t('admin.users.totpOffBody')}</p>
      </ConfirmDialog>
    </li>
  );
}
