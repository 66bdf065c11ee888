import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revokeInvite } from '../../api/admin';
import { keys } from '../../api/queries';
import type { Invite } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';

export const inviteLink = (code: string) => `${window.location.origin}/register?invite=${encodeURIComponent(code)}`;

export function InviteRow({ invite }: { invite: Invite }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeInvite(invite.code),
    onSuccess: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: keys.adminInvites });
    },
  });
  const expired = invite.expires_at ? new Date(invite.expires_at).getTime() < Date.now() : false;
  const usedUp = invite.uses >= invite.max_uses;
  return (
    <li className={`row${expired || usedUp ? ' row-disabled' : ''}`} data-code={invite.code}>
      <div className="row-main">
        <p className="row-title">
          <code>{invite.code}</code>
          <span className={`badge badge-${invite.role}`}>{t(`roles.${invite.role}`)}</span>
          {expired && <span className="badge badge-muted">{t('admin.invites.expired')}</span>}
          {usedUp && <span className="badge badge-muted">{t('admin.invites.usedUp')}</span>}
        </p>
        <p className="row-meta">
          <span>{t('admin.invites.uses', { count: invite.max_uses, used: invite.uses })}</span>
          <span>
            {invite.expires_at
              ? t('admin.invites.expiresOn', { date: format.dateTime(invite.expires_at) })
              : t('admin.invites.noExpiry')}
          </span>
          <span>{t('admin.invites.createdBy', { username: invite.created_by, date: format.date(invite.created_at) })}</span>
        </p>
      </div>
      <div className="row-actions">
        {!expired && !usedUp && <CopyButton small text={inviteLink(invite.code)} label={t('admin.invites.copyLink')} />}
        <Button small variant="danger" onClick={() => setConfirming(true)}>
          {t('admin.invites.revoke')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('admin.invites.revokeTitle')}
        confirmLabel={t('admin.invites.revoke')}
        busy={revoke.isPending}
        error={revoke.error ? problemMessage(t, revoke.error) : null}
        onConfirm={() => revoke.mutate()}
        onCancel={() => {
          revoke.reset();
          setConfirming(false);
        }}
      >
        <p>{t('admin.invites.revokeBody')}</p>
      </ConfirmDialog>
    </li>
  );
}
