import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdherence, useUserStats } from '../../api/analysisQueries';
import type { CoachMember } from '../../api/coaching';
import type { Assignment } from '../../api/types';
import { Button } from '../../components/Button';
import { useFormat } from '../../lib/format';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { AdherenceToggle } from '../plans/AdherencePanel';
import { Person } from '../../components/Person';
import { adherenceSummary, currentAssignment, weekAtGlance } from './summary';

const day = (iso: string) => `${iso}T12:00:00Z`;

/** How the member follows a plan the caller assigned: planned vs done so far, and missed. */
function PlannedVsDone({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAdherence(assignment.id);
  if (query.isPending) return <span className="muted">{t('common.loading')}</span>;
  if (query.isError) return <span className="muted">{t('members.unknown')}</span>;
  if (query.data.weeks.length === 0) return <span>{t('members.notStarted', { date: format.date(day(assignment.start_date)) })}</span>;
  const s = adherenceSummary(query.data.weeks);
  return (
    <span>
      <span>{t('members.adherenceValue', { done: s.done, planned: s.planned })}</span>
      {' · '}
      <span className={s.missed > 0 ? 'co-missed' : undefined}>{s.missed > 0 ? t('members.missed', { count: s.missed }) : t('members.noneMissed')}</span>
    </span>
  );
}

interface MemberCardProps {
  member: CoachMember;
  onEnd: (member: CoachMember) => void;
}

/** One member at a glance: this week's training, their plan and how they keep to it. */
export function MemberCard({ member, onEnd }: MemberCardProps) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const stats = useUserStats(member.username);
  const week = stats.data ? weekAtGlance(stats.data) : null;
  const username = member.username;
  const assignment = currentAssignment(member.assignments);
  const mine = assignment && assignment.coach.toLowerCase() === me.username.toLowerCase();
  return (
    <li className="card co-member">
      <div className="co-member-head">
        <Person person={member}>
          <p className="row-meta">{t('members.since', { date: format.date(member.since) })}</p>
        </Person>
        {week &&
          (week.sessions > 0 ? (
            <span className="badge badge-success">{t('members.trainedThisWeek')}</span>
          ) : (
            <span className="badge badge-muted">{t('members.notThisWeek')}</span>
          ))}
      </div>
      <dl className="co-facts">
        <div>
          <dt>{t('members.thisWeek')}</dt>
          <dd>{week ? t('members.weekValue', { count: week.sessions, target: week.target }) : stats.isPending ? t('common.loading') : t('members.unknown')}</dd>
        </div>
        <div>
          <dt>{t('members.lastWorkout')}</dt>
          <dd>{week ? (week.lastDay ? format.date(day(week.lastDay)) : t('members.noWorkouts')) : t('members.unknown')}</dd>
        </div>
        <div>
          <dt>{t('members.plan')}</dt>
          <dd>
            {assignment === null ? (
              <>
                <span>{t('members.noPlan')}</span> · <Link to="/plans">{t('members.assignPlan')}</Link>
              </>
            ) : (
              <>
                <Link to={`/plans/${assignment.plan.id}`}>{assignment.plan.title}</Link>
                {' · '}
                {t('members.planDays', { done: Math.min(assignment.days_done, assignment.plan.days), total: assignment.plan.days })}
                {!mine && <span className="muted"> · {t('plans.assign.byCoach', { username: assignment.coach })}</span>}
              </>
            )}
          </dd>
        </div>
        {assignment && (
          <div>
            <dt>{t('members.adherence')}</dt>
            <dd>{mine ? <PlannedVsDone assignment={assignment} /> : <span className="muted">{t('members.adherenceOtherCoach')}</span>}</dd>
          </div>
        )}
      </dl>
      <div className="row-actions">
        <Link className="btn btn-secondary btn-small" to={`/u/${encodeURIComponent(username)}`} aria-label={t('members.profileOf', { username })}>
          {t('members.profile')}
        </Link>
        <Button small variant="danger" aria-label={t('members.endFor', { username })} onClick={() => onEnd(member)}>
          {t('members.end')}
        </Button>
      </div>
      {assignment && mine && <AdherenceToggle assignment={assignment} label={t('plans.adherence.showFor', { username })} />}
    </li>
  );
}
