import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubPerson } from '../../api/clubs';
import { useClubPeople, useRemoveFromClub, useSetClubRole } from '../../api/clubsQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadMore } from '../../components/LoadMore';
import { Person } from '../../components/Person';
import { Loading } from '../../components/Spinner';
import { personName } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { useSignedInMe } from '../../lib/useSignedInMe';

interface ClubMembersProps {
  clubId: string;
  clubName: string;
  /** The viewer is a club admin or a gym administrator: roles can be changed and people removed. */
  manages: boolean;
}

/** A club's members and admins; its admins make someone admin, a plain member again, or remove them. */
export function ClubMembers({ clubId, clubName, manages }: ClubMembersProps) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const headingId = useId();
  const list = useClubPeople(clubId, false);
  const setRole = useSetClubRole(clubId);
  const remove = useRemoveFromClub(clubId);
  const [removing, setRemoving] = useState<ClubPerson | null>(null);
  const isMe = (p: ClubPerson) => p.user.username.toLowerCase() === me.username.toLowerCase();

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) body = <EmptyState>{t('clubs.people.none')}</EmptyState>;
  else
    body = (
      <>
        <ul className="rows" aria-labelledby={headingId}>
          {list.items.map((p) => {
            const name = personName(p.user);
            const busy = setRole.isPending && setRole.variables?.username === p.user.username;
            return (
              <li className="row" key={p.user.username}>
                <Person person={p.user}>
                  {p.role === 'admin' && <span className="badge badge-accent">{t('clubs.role.admin')}</span>}
                </Person>
                {manages && !isMe(p) && (
                  <div className="row-actions">
                    {p.role === 'admin' ? (
                      <Button small busy={busy} aria-label={t('clubs.people.makeMemberFor', { name })} onClick={() => setRole.mutate({ username: p.user.username, role: 'member' })}>
                        {t('clubs.people.makeMember')}
                      </Button>
                    ) : (
                      <Button small busy={busy} aria-label={t('clubs.people.makeAdminFor', { name })} onClick={() => setRole.mutate({ username: p.user.username, role: 'admin' })}>
                        {t('clubs.people.makeAdmin')}
                      </Button>
                    )}
                    <Button small variant="danger" aria-label={t('clubs.people.removeFor', { name })} onClick={() => setRemoving(p)}>
                      {t('clubs.people.remove')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        <LoadMore list={list} />
      </>
    );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('clubs.people.title')}</h2>
      {body}
      {setRole.error && (
        <p className="field-error" role="alert">
          {problemMessage(t, setRole.error)}
        </p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('clubs.people.removeTitle', { name: removing ? personName(removing.user) : '', club: clubName })}
        confirmLabel={t('clubs.people.remove')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => removing && remove.mutate(removing.user.username, { onSuccess: () => setRemoving(null) })}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <p>{t('clubs.people.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
