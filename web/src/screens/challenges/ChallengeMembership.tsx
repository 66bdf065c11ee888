import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Challenge } from '../../api/gamification';
import { useChallengeMembership } from '../../api/gamificationQueries';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { problemMessage } from '../../lib/problemText';

/** Join a challenge that has not ended, or leave it (after confirming: the progress there goes). */
export function ChallengeMembership({ challenge: c }: { challenge: Challenge }) {
  const { t } = useTranslation();
  const { join, leave } = useChallengeMembership(c.id);
  const [confirm, setConfirm] = useState(false);
  if (c.status === 'ended') return null;
  return (
    <div className="gm-challenge-actions">
      {c.joined ? (
        <Button small aria-label={t('challenges.leaveNamed', { title: c.title })} onClick={() => setConfirm(true)}>
          {t('challenges.leave')}
        </Button>
      ) : (
        <Button small variant="primary" busy={join.isPending} aria-label={t('challenges.joinNamed', { title: c.title })} onClick={() => join.mutate()}>
          {t('challenges.join')}
        </Button>
      )}
      {join.error && (
        <p className="field-error" role="alert">
          {problemMessage(t, join.error)}
        </p>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('challenges.leaveTitle', { title: c.title })}
        confirmLabel={t('challenges.leave')}
        busy={leave.isPending}
        error={leave.error ? problemMessage(t, leave.error) : null}
        onConfirm={() => leave.mutate(undefined, { onSuccess: () => setConfirm(false) })}
        onCancel={() => {
          setConfirm(false);
          leave.reset();
        }}
      >
        <p>{t('challenges.leaveBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
