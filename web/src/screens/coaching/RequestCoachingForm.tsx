import type { TFunction } from 'i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestCoaching, type MyCoachingItem } from '../../api/coaching';
import { coachingKeys } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { cleanUsername as clean, UsernameField } from '../../components/UsernameField';
import { useFormat } from '../../lib/format';
import { fieldErrorMessage, fieldProblem, problemMessage } from '../../lib/problemText';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { Person } from '../../components/Person';
import { useEnd } from './useCoachingActions';

/** Why a request was refused, in words for the username field (null: not about the field). */
function usernameError(t: TFunction, error: unknown, username: string): string | null {
  if (!error) return null;
  // The server answers 404 alike for nobody and for a profile hidden from the coach.
  if (isProblem(error) && error.status === 404) return t('members.request.notFound', { username });
  if (isProblem(error, 'coaching_exists')) return problemMessage(t, error);
  const fe = fieldProblem(error, 'username');
  if (!fe) return null;
  // The only plain `invalid` is asking oneself; specific codes (user_disabled) have their words.
  return fe.code === 'invalid' ? t('members.request.self') : fieldErrorMessage(t, fe);
}

/**
 * A coach asks a member to accept them (the user search suggests names), and sees the requests
 * still waiting for an answer, each of which can be withdrawn.
 */
export function RequestCoachingForm({ pending }: { pending: MyCoachingItem[] }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const client = useQueryClient();
  const titleId = useId();
  const pendingId = useId();
  const [username, setUsername] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (name: string) => requestCoaching(name),
    onSuccess: (r) => {
      setSentTo(r.member.username);
      setUsername('');
      void client.invalidateQueries({ queryKey: coachingKeys.mine });
    },
  });
  const withdraw = useEnd();
  const fieldError = localError ?? usernameError(t, send.error, send.variables ?? '');
  const formError = send.error && !fieldError ? problemMessage(t, send.error) : null;

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('members.request.title')}</h2>
      <p className="muted">{t('members.request.intro')}</p>
      {sentTo && <Alert tone="success">{t('members.request.sent', { username: sentTo })}</Alert>}
      <form
        noValidate
        className="co-request-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSentTo(null);
          const name = clean(username);
          if (!name) {
            send.reset();
            setLocalError(t('fieldErrors.required'));
          } else if (name.toLowerCase() === me.username.toLowerCase()) {
            send.reset();
            setLocalError(t('members.request.self'));
          } else {
            setLocalError(null);
            send.mutate(name);
          }
        }}
      >
        <UsernameField
          label={t('members.request.username')}
          hint={t('members.request.hint')}
          value={username}
          error={fieldError ?? undefined}
          onValue={setUsername}
        />
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        <Button type="submit" variant="primary" busy={send.isPending}>
          {t('members.request.submit')}
        </Button>
      </form>
      {pending.length > 0 && (
        <>
          <h3 id={pendingId} className="co-subtitle">
            {t('members.request.pendingTitle')}
          </h3>
          <ul className="rows" aria-labelledby={pendingId}>
            {pending.map((r) => (
              <li className="row" key={r.id}>
                <Person person={r}>
                  <p className="row-meta">
                    <span>{t('members.request.sentOn', { date: format.date(r.created_at) })}</span>
                    {r.expires_at && <span>{t('members.request.expires', { date: format.date(r.expires_at) })}</span>}
                  </p>
                </Person>
                <div className="row-actions">
                  <Button
                    small
                    aria-label={t('members.request.withdrawFor', { username: r.username })}
                    busy={withdraw.isPending && withdraw.variables?.id === r.id}
                    onClick={() => withdraw.mutate(r)}
                  >
                    {t('members.request.withdraw')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          {withdraw.error && (
            <p className="field-error" role="alert">
              {problemMessage(t, withdraw.error)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
