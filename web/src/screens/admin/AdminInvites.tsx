import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listInvites } from '../../api/admin';
import { keys, useCursorList } from '../../api/queries';
import type { Invite } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Loading } from '../../components/Spinner';
import { inviteLink, InviteRow } from './InviteRow';
import { NewInviteForm } from './NewInviteForm';
import { LoadMore } from '../../components/LoadMore';

function CreatedInvite({ invite, onDone }: { invite: Invite; onDone: () => void }) {
  const { t } = useTranslation();
  const link = inviteLink(invite.code);
  return (
    <div className="card card-accent" role="status">
      <h2>{t('admin.invites.createdTitle')}</h2>
      <p>{t('admin.invites.createdBody')}</p>
      <code className="secret" data-testid="invite-link">
        {link}
      </code>
      <div className="actions">
        <CopyButton text={link} label={t('admin.invites.copyLink')} />
        <Button variant="primary" onClick={onDone}>
          {t('common.done')}
        </Button>
      </div>
    </div>
  );
}

/** Invite codes: create one to share as a link, see who used what, revoke. */
export default function AdminInvites() {
  const { t } = useTranslation();
  const list = useCursorList(keys.adminInvites, listInvites);
  const [created, setCreated] = useState<Invite | null>(null);
  return (
    <div className="stack">
      {created ? <CreatedInvite invite={created} onDone={() => setCreated(null)} /> : <NewInviteForm onCreated={setCreated} />}
      <div className="card">
        <h2>{t('admin.invites.listTitle')}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.items.length === 0 ? (
          <EmptyState>{t('admin.invites.empty')}</EmptyState>
        ) : (
          <ul className="rows">
            {list.items.map((invite) => (
              <InviteRow key={invite.code} invite={invite} />
            ))}
          </ul>
        )}
        <LoadMore list={list} />
      </div>
    </div>
  );
}
