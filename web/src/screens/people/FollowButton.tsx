import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import type { FollowState } from '../../api/social';
import { useFollow, useUnfollow } from '../../api/socialQueries';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { problemMessage } from '../../lib/problemText';

interface FollowButtonProps {
  username: string;
  state: FollowState;
  /** Their profile is not shared with the viewer: following is a request they answer. */
  needsApproval?: boolean;
}

/** Why following failed, in the viewer's terms. */
function followError(t: ReturnType<typeof useTranslation>['t'], error: unknown, username: string) {
  if (isProblem(error, 'blocked')) return t('people.blockedYou', { username });
  if (isProblem(error) && error.status === 404) return t('people.cannotFollow', { username });
  return problemMessage(t, error);
}

/**
 * Follow, withdraw a request, or unfollow (after a confirmation: following a member whose
 * profile is not shared with the gym again needs their approval).
 */
export function FollowButton({ username, state, needsApproval }: FollowButtonProps) {
  const { t } = useTranslation();
  const follow = useFollow();
  const unfollow = useUnfollow();
  const [confirm, setConfirm] = useState(false);
  const error = follow.error ?? (confirm ? null : unfollow.error);
  const reset = () => {
    follow.reset();
    unfollow.reset();
  };
  return (
    <div className="follow">
      {state === 'none' && (
        <Button
          variant="primary"
          busy={follow.isPending}
          onClick={() => {
            reset();
            follow.mutate(username);
          }}
        >
          {needsApproval ? t('people.askToFollow') : t('people.follow')}
        </Button>
      )}
      {state === 'requested' && (
        <>
          <span className="badge badge-muted">{t('people.requested')}</span>
          <Button
            small
            busy={unfollow.isPending}
            aria-label={t('people.withdrawFor', { username })}
            onClick={() => {
              reset();
              unfollow.mutate(username);
            }}
          >
            {t('people.withdraw')}
          </Button>
        </>
      )}
      {state === 'following' && (
        <>
          <span className="badge badge-success">{t('people.following')}</span>
          <Button
            small
            aria-label={t('people.unfollowFor', { username })}
            onClick={() => {
              reset();
              setConfirm(true);
            }}
          >
            {t('people.unfollow')}
          </Button>
        </>
      )}
      {error && (
        <p className="field-error follow-error" role="alert">
          {followError(t, error, username)}
        </p>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('people.unfollowTitle', { username })}
        confirmLabel={t('people.unfollow')}
        busy={unfollow.isPending}
        error={confirm && unfollow.error ? problemMessage(t, unfollow.error) : null}
        onConfirm={() => unfollow.mutate(username, { onSuccess: () => setConfirm(false) })}
        onCancel={() => {
          setConfirm(false);
          unfollow.reset();
        }}
      >
        <p>{t('people.unfollowBody', { username })}</p>
      </ConfirmDialog>
    </div>
  );
}
