import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdmitToClub, useClubPeople, useRemoveFromClub } from '../../api/clubsQueries';
import { isProblem } from '../../api/problem';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/LoadMore';
import { Person } from '../../components/Person';
import { Loading } from '../../components/Spinner';
import { cleanUsername, UsernameField } from '../../components/UsernameField';
import { personName } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';

/** A club admin invites someone by username (the user search suggests names). */
function InviteForm({ clubId }: { clubId: string }) {
  const { t } = useTranslation();
  const admit = useAdmitToClub(clubId);
  const [username, setUsername] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [done, setDone] = useState<{ username: string; role: string } | null>(null);
  const sent = admit.variables ?? '';
  // Nobody by that name, or someone the admin may not add, look alike: 404.
  const fieldError =
    local ??
    (admit.error ? (isProblem(admit.error) && admit.error.status === 404 ? t('clubs.pending.noSuchPerson', { username: sent }) : problemMessage(t, admit.error)) : undefined);
  return (
    <form
      noValidate
      className="club-invite"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        const name = cleanUsername(username);
        if (!name) {
          admit.reset();
          setLocal(t('fieldErrors.required'));
          return;
        }
        setLocal(null);
        admit.mutate(name, {
          onSuccess: (r) => {
            setDone({ username: name, role: r.role });
            setUsername('');
          },
        });
      }}
    >
      <UsernameField label={t('clubs.pending.invite')} hint={t('clubs.pending.inviteHint')} value={username} error={fieldError} onValue={setUsername} />
      {done && (
        <Alert tone="success">
          {done.role === 'invited' ? t('clubs.pending.invited', { username: done.username }) : t('clubs.pending.alreadyIn', { username: done.username })}
        </Alert>
      )}
      <Button type="submit" busy={admit.isPending}>
        {t('clubs.pending.inviteSubmit')}
      </Button>
    </form>
  );
}

/**
 * For a club's admins: requests to join, each approved or declined, the invitations not yet
 * answered, each withdrawn, and a form to invite someone.
 */
export function ClubPending({ clubId }: { clubId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useClubPeople(clubId, true);
  const admit = useAdmitToClub(clubId);
  const remove = useRemoveFromClub(clubId);
  const requests = list.items.filter((p) => p.role === 'requested');
  const invitations = list.items.filter((p) => p.role === 'invited');
  const busy = (mutation: { isPending: boolean; variables?: string }, username: string) => mutation.isPending && mutation.variables === username;

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else
    body = (
      <>
        <h3 className="club-subtitle" id={`${headingId}-requests`}>
          {t('clubs.pending.requests', { count: requests.length })}
        </h3>
        {requests.length === 0 ? (
          <EmptyState>{t('clubs.pending.noRequests')}</EmptyState>
        ) : (
          <ul className="rows" aria-labelledby={`${headingId}-requests`}>
            {requests.map((p) => {
              const name = personName(p.user);
              return (
                <li className="row" key={p.user.username}>
                  <Person person={p.user}>
                    <p className="row-meta">{t('clubs.pending.asks')}</p>
                  </Person>
                  <div className="row-actions">
                    <Button small variant="primary" busy={busy(admit, p.user.username)} aria-label={t('clubs.pending.approveFor', { name })} onClick={() => admit.mutate(p.user.username)}>
                      {t('clubs.pending.approve')}
                    </Button>
                    <Button small busy={busy(remove, p.user.username)} aria-label={t('clubs.pending.declineFor', { name })} onClick={() => remove.mutate(p.user.username)}>
                      {t('clubs.pending.decline')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {invitations.length > 0 && (
          <>
            <h3 className="club-subtitle" id={`${headingId}-invitations`}>
              {t('clubs.pending.invitations', { count: invitations.length })}
            </h3>
            <ul className="rows" aria-labelledby={`${headingId}-invitations`}>
              {invitations.map((p) => (
                <li className="row" key={p.user.username}>
                  <Person person={p.user}>
                    <p className="row-meta">{t('clubs.pending.notAnswered')}</p>
                  </Person>
                  <div className="row-actions">
                    <Button small busy={busy(remove, p.user.username)} aria-label={t('clubs.pending.withdrawFor', { name: personName(p.user) })} onClick={() => remove.mutate(p.user.username)}>
                      {t('clubs.pending.withdraw')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
        <LoadMore list={list} />
      </>
    );
  const error = admit.error ?? remove.error;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('clubs.pending.title')}</h2>
      {body}
      {error && (
        <p className="field-error" role="alert">
          {problemMessage(t, error)}
        </p>
      )}
      <InviteForm clubId={clubId} />
    </section>
  );
}
