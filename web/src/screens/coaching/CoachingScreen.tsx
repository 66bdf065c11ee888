import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCoachingItem } from '../../api/coaching';
import { useMyCoaching } from '../../api/coachingQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { Person } from '../../components/Person';
import { useAccept, useDecline, useEnd } from './useCoachingActions';
import './coaching.css';

/** A coach's request waiting for the member's answer. */
function IncomingRequest({ request, onAnswered }: { request: MyCoachingItem; onAnswered: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const accept = useAccept();
  const decline = useDecline();
  const error = accept.error ?? decline.error;
  const username = request.username;
  return (
    <li className="row co-request">
      <Person person={request}>
        <p className="row-meta">
          <span>{t('coaching.asks')}</span>
          {request.expires_at && <span>{t('coaching.expires', { date: format.date(request.expires_at) })}</span>}
        </p>
      </Person>
      <p className="co-note">{t('coaching.acceptHint', { username })}</p>
      {error && (
        <p className="field-error" role="alert">
          {problemMessage(t, error)}
        </p>
      )}
      <div className="row-actions">
        <Button
          small
          variant="primary"
          aria-label={t('coaching.acceptFor', { username })}
          busy={accept.isPending}
          disabled={decline.isPending}
          onClick={() => {
            decline.reset();
            accept.mutate(request, { onSuccess: () => onAnswered(t('coaching.accepted', { username })) });
          }}
        >
          {t('coaching.accept')}
        </Button>
        <Button
          small
          aria-label={t('coaching.declineFor', { username })}
          busy={decline.isPending}
          disabled={accept.isPending}
          onClick={() => {
            accept.reset();
            decline.mutate(request, { onSuccess: () => onAnswered(t('coaching.declined', { username })) });
          }}
        >
          {t('coaching.decline')}
        </Button>
      </div>
    </li>
  );
}

/**
 * The member's side of coaching: requests from coaches (accept or decline) and current coaches
 * (end at any time). Nothing is shared with a coach before the member accepts.
 */
export default function CoachingScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMyCoaching();
  const end = useEnd();
  const [ending, setEnding] = useState<MyCoachingItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const requestsId = useId();
  const coachesId = useId();

  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const requests = query.data.as_member.filter((i) => i.status === 'pending');
    const coaches = query.data.as_member.filter((i) => i.status === 'active');
    body = (
      <>
        {requests.length > 0 && (
          <section className="card card-accent" aria-labelledby={requestsId}>
            <h2 id={requestsId}>{t('coaching.requestsTitle')}</h2>
            <ul className="rows">
              {requests.map((r) => (
                <IncomingRequest key={r.id} request={r} onAnswered={setNotice} />
              ))}
            </ul>
          </section>
        )}
        <section className="card" aria-labelledby={coachesId}>
          <h2 id={coachesId}>{t('coaching.coachesTitle')}</h2>
          {coaches.length === 0 ? (
            <EmptyState>{t('coaching.noCoach')}</EmptyState>
          ) : (
            <ul className="rows">
              {coaches.map((c) => (
                <li className="row" key={c.id}>
                  <Person person={c}>
                    {c.since && <p className="row-meta">{t('coaching.since', { date: format.date(c.since) })}</p>}
                  </Person>
                  <div className="row-actions">
                    <Button small variant="danger" aria-label={t('coaching.endFor', { username: c.username })} onClick={() => setEnding(c)}>
                      {t('coaching.end')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </>
    );
  }

  return (
    <section className="screen">
      <h1>{t('coaching.title')}</h1>
      <p className="lead">{t('coaching.intro')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {body}
      <ConfirmDialog
        open={ending !== null}
        title={t('coaching.endTitle', { username: ending?.username ?? '' })}
        confirmLabel={t('coaching.end')}
        busy={end.isPending}
        error={end.error ? problemMessage(t, end.error) : null}
        onConfirm={() =>
          ending &&
          end.mutate(ending, {
            onSuccess: () => {
              setNotice(t('coaching.ended', { username: ending.username }));
              setEnding(null);
            },
          })
        }
        onCancel={() => {
          setEnding(null);
          end.reset();
        }}
      >
        <p>{t('coaching.endBody', { username: ending?.username ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
