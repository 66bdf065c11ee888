import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Club } from '../../api/clubs';
import { useJoinClub, useLeaveClub } from '../../api/clubsQueries';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { problemMessage } from '../../lib/problemText';

/**
 * The viewer's place in a club and what they can do about it: join an open club, ask to join
 * one that needs approval, answer an invitation, withdraw a request, or leave.
 */
export function ClubMembership({ club }: { club: Club }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const join = useJoinClub(club.id);
  const leave = useLeaveClub(club.id);
  const [confirmLeave, setConfirmLeave] = useState(false);
  // The last member leaving ends the club.
  const lastOne = club.role === 'admin' && club.members <= 1;
  const joinError = join.error
    ? isProblem(join.error) && join.error.status === 403
      ? t('clubs.membership.inviteOnly')
      : problemMessage(t, join.error)
    : null;
  const leaveNow = () =>
    leave.mutate(undefined, {
      onSuccess: () => {
        setConfirmLeave(false);
        // A club gone, or one that takes members by invitation, is no longer there to see.
        if (lastOne || club.policy === 'invite') navigate('/clubs', { replace: true });
      },
    });

  let state;
  switch (club.role) {
    case 'member':
    case 'admin':
      state = (
        <>
          <p>{t(club.role === 'admin' ? 'clubs.membership.admin' : 'clubs.membership.member')}</p>
          <div className="actions">
            <Button onClick={() => setConfirmLeave(true)}>{t('clubs.membership.leave')}</Button>
          </div>
        </>
      );
      break;
    case 'requested':
      state = (
        <>
          <Alert tone="info">{t('clubs.membership.requested')}</Alert>
          <div className="actions">
            <Button busy={leave.isPending} onClick={leaveNow}>
              {t('clubs.membership.withdraw')}
            </Button>
          </div>
        </>
      );
      break;
    case 'invited':
      state = (
        <>
          <Alert tone="info">{t('clubs.membership.invited')}</Alert>
          <div className="actions">
            <Button variant="primary" busy={join.isPending} onClick={() => join.mutate()}>
              {t('clubs.membership.accept')}
            </Button>
            <Button busy={leave.isPending} onClick={leaveNow}>
              {t('clubs.membership.decline')}
            </Button>
          </div>
        </>
      );
      break;
    default:
      state =
        club.policy === 'invite' ? (
          <p className="muted">{t('clubs.membership.inviteOnly')}</p>
        ) : (
          <>
            {club.policy === 'approval' && <p className="muted">{t('clubs.membership.approvalNeeded')}</p>}
            <div className="actions">
              <Button variant="primary" busy={join.isPending} onClick={() => join.mutate()}>
                {t(club.policy === 'open' ? 'clubs.membership.join' : 'clubs.membership.ask')}
              </Button>
            </div>
          </>
        );
  }

  return (
    <div className="club-membership">
      {join.isSuccess && join.data.role === 'member' && <Alert tone="success">{t('clubs.membership.joined', { name: club.name })}</Alert>}
      {state}
      {joinError && (
        <p className="field-error" role="alert">
          {joinError}
        </p>
      )}
      {leave.error && !confirmLeave && (
        <p className="field-error" role="alert">
          {problemMessage(t, leave.error)}
        </p>
      )}
      <ConfirmDialog
        open={confirmLeave}
        title={t('clubs.membership.leaveTitle', { name: club.name })}
        confirmLabel={t('clubs.membership.leave')}
        busy={leave.isPending}
        error={leave.error ? problemMessage(t, leave.error) : null}
        onConfirm={leaveNow}
        onCancel={() => {
          setConfirmLeave(false);
          leave.reset();
        }}
      >
        <p>{t(lastOne ? 'clubs.membership.leaveLast' : club.policy === 'open' ? 'clubs.membership.leaveOpen' : 'clubs.membership.leaveBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
