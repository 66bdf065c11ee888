import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoachMember } from '../../api/coaching';
import { useCoachMembers, useMyCoaching } from '../../api/coachingQueries';
import { Alert, EmptyState, LoadError } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { problemMessage } from '../../lib/problemText';
import { isCoach, useSignedInMe } from '../../lib/useSignedInMe';
import { MemberCard } from './MemberCard';
import { RequestCoachingForm } from './RequestCoachingForm';
import { useEnd } from './useCoachingActions';
import './coaching.css';

/** The members who accepted the caller as coach, each at a glance. */
function MemberList({ onEnd }: { onEnd: (m: CoachMember) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const members = useCoachMembers();
  const count = members.data?.items.length ?? 0;
  let body;
  if (members.isPending) body = <Loading />;
  else if (members.isError) body = <LoadError error={members.error} onRetry={() => void members.refetch()} />;
  else if (count === 0) body = <EmptyState>{t('members.empty')}</EmptyState>;
  else
    body = (
      <ul className="co-members">
        {members.data.items.map((m) => (
          <MemberCard key={m.relationship_id} member={m} onEnd={onEnd} />
        ))}
      </ul>
    );
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{count > 0 ? t('members.listTitleCount', { count }) : t('members.listTitle')}</h2>
      {body}
    </section>
  );
}

/**
 * The coach's workspace: who trained this week, which plan each member follows and how they
 * keep to it; asking new members and withdrawing requests; ending coaching.
 */
export default function MembersScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const coach = isCoach(me.role);
  const mine = useMyCoaching(coach);
  const end = useEnd();
  const [ending, setEnding] = useState<CoachMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!coach) {
    return (
      <section className="screen">
        <h1>{t('members.title')}</h1>
        <Alert tone="info">{t('members.notCoach')}</Alert>
      </section>
    );
  }
  const pending = mine.data?.as_coach.filter((i) => i.status === 'pending') ?? [];
  return (
    <section className="screen">
      <h1>{t('members.title')}</h1>
      <p className="lead">{t('members.intro')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <MemberList onEnd={setEnding} />
      {mine.isError && <LoadError error={mine.error} onRetry={() => void mine.refetch()} />}
      <RequestCoachingForm pending={pending} />
      <ConfirmDialog
        open={ending !== null}
        title={t('members.endTitle', { username: ending?.username ?? '' })}
        confirmLabel={t('members.end')}
        busy={end.isPending}
        error={end.error ? problemMessage(t, end.error) : null}
        onConfirm={() =>
          ending &&
          end.mutate(
            { id: ending.relationship_id, username: ending.username },
            {
              onSuccess: () => {
                setNotice(t('members.ended', { username: ending.username }));
                setEnding(null);
              },
            },
          )
        }
        onCancel={() => {
          setEnding(null);
          end.reset();
        }}
      >
        <p>{t('members.endBody', { username: ending?.username ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
