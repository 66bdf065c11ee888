import { useTranslation } from 'react-i18next';
import type { FollowRequest } from '../../api/social';
import { useAnswerFollowRequest } from '../../api/socialQueries';
import { Button } from '../../components/Button';
import { problemMessage } from '../../lib/problemText';

/** Accept or decline one request to follow the viewer; `onAnswered` gets a sentence saying what happened. */
export function FollowRequestActions({ request, onAnswered }: { request: FollowRequest; onAnswered: (message: string) => void }) {
  const { t } = useTranslation();
  const answer = useAnswerFollowRequest();
  const username = request.user.username;
  const send = (accept: boolean) =>
    answer.mutate(
      { request, accept },
      { onSuccess: () => onAnswered(t(accept ? 'notifications.requests.accepted' : 'notifications.requests.declined', { username })) },
    );
  return (
    <div className="follow-request-actions">
      <div className="row-actions">
        <Button
          small
          variant="primary"
          busy={answer.isPending && answer.variables?.accept === true}
          disabled={answer.isPending}
          aria-label={t('notifications.requests.acceptFor', { username })}
          onClick={() => send(true)}
        >
          {t('notifications.requests.accept')}
        </Button>
        <Button
          small
          busy={answer.isPending && answer.variables?.accept === false}
          disabled={answer.isPending}
          aria-label={t('notifications.requests.declineFor', { username })}
          onClick={() => send(false)}
        >
          {t('notifications.requests.decline')}
        </Button>
      </div>
      {answer.error && (
        <p className="field-error" role="alert">
          {problemMessage(t, answer.error)}
        </p>
      )}
    </div>
  );
}
