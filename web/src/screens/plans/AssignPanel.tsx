import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { coachingKeys, coachMembersQuery, useCoachMembers } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { assignPlan, endAssignment } from '../../api/training';
import type { Assignment, Plan } from '../../api/types';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { cleanUsername as clean, UsernameField } from '../../components/UsernameField';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { fieldProblem, formErrors, problemMessage } from '../../lib/problemText';
import { isAdmin, useSignedInMe } from '../../lib/useSignedInMe';
import { AdherenceToggle } from './AdherencePanel';
import { localDate } from './dates';
import { isUnfinished, myAssignmentsQuery, planKeys, planQuery, planWeekOf, usePlanFollowers } from './planQueries';
import '../../i18n/training';

/** A plan the member follows already, asked about before assigning another. */
interface Following {
  assignment: Assignment;
  /** How the member is named: their display name when My members knows it, else @username. */
  who: string;
  /** The member is the one assigning (a coach giving themselves a plan). */
  self: boolean;
  /** The week of their next day and the plan's weeks, when the followed plan could be read. */
  week: { week: number; weeks: number } | null;
}

/** Coaches and admins give a plan to a member from a start date; below, who follows it. */
export function AssignPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [startDate, setStartDate] = useState(() => localDate(me.preferences.timezone));
  const [done, setDone] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  /** An unfinished plan the member follows already: asked about before assigning another. */
  const [following, setFollowing] = useState<Following | null>(null);
  const followers = usePlanFollowers(plan.id);
  const members = useCoachMembers();

  const assign = useMutation({
    mutationFn: (member: string) => assignPlan(plan.id, member, startDate),
    onSuccess: (a) => {
      setDone(t('plans.assign.done', { username: a.member, date: a.start_date }));
      setUsername('');
      setFollowing(null);
      void client.invalidateQueries({ queryKey: planKeys.followers(plan.id) });
      void client.invalidateQueries({ queryKey: planKeys.assignments });
      void client.invalidateQueries({ queryKey: coachingKeys.members });
    },
    onError: () => setFollowing(null),
  });

  /**
   * Before assigning, looks for a plan the member has not finished (among those the coach can
   * see: the member's assignments from My members — or, assigning to oneself, one's own —
   * newest first, and this plan's followers); if there is one, asks first, naming it and the
   * week the member is in.
   */
  const submit = async (member: string) => {
    const same = (username: string) => username.toLowerCase() === member.toLowerCase();
    const self = same(me.username);
    setChecking(true);
    let known: Assignment[] = followers.data?.items ?? [];
    let who = `@${member}`;
    try {
      if (self) {
        const mine = await client.fetchQuery({ ...myAssignmentsQuery, staleTime: 30_000 });
        known = [...mine.items, ...known];
      } else {
        const coaching = await client.fetchQuery({ ...coachMembersQuery, staleTime: 30_000 });
        const person = coaching.items.find((m) => same(m.username));
        if (person?.display_name) who = person.display_name;
        known = [...(person?.assignments ?? []), ...known];
      }
    } catch {
      // Cannot tell: the server still decides, without the warning.
    }
    const current = known.find((a) => same(a.member) && isUnfinished(a));
    let week: Following['week'] = null;
    if (current) {
      try {
        const followed = current.plan.id === plan.id ? plan : await client.fetchQuery({ ...planQuery(current.plan.id), staleTime: 60_000 });
        const at = planWeekOf(followed, current.days_done);
        if (at) week = { week: at, weeks: followed.weeks.length };
      } catch {
        // The plan cannot be read (another author's): the days done say where they are.
      }
    }
    setChecking(false);
    if (current) setFollowing({ assignment: current, who, self, week });
    else assign.mutate(member);
  };
  const errors = formErrors(t, assign.error, ['username', 'start_date']);
  // The server says why a username was refused in `code`; its wording is not for matching.
  const userCode = fieldProblem(assign.error, 'username')?.code;
  const refused = assign.variables ?? '';
  // 403: either the coach does not coach them (yet) or the member may not see this plan.
  const coached = members.data?.items.some((m) => m.username.toLowerCase() === refused.toLowerCase());
  const forbidden = isProblem(assign.error) && assign.error.status === 403;
  const usernameError =
    userCode === 'user_disabled'
      ? t('plans.assign.disabledMember')
      : userCode === 'unknown_user'
        ? t('plans.assign.noSuchMember')
        : forbidden && !coached
          ? t('plans.assign.notCoached', { username: refused })
          : errors.fields.username;
  const formError = forbidden && !coached ? null : errors.form;
  const dateError = fieldProblem(assign.error, 'start_date') ? t('plans.assign.badDate') : undefined;

  return (
    <div className="card cat-assign">
      <h2 className="cat-card-title">{t('plans.assign.title')}</h2>
      <p className="muted">{t('plans.assign.intro')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          if (clean(username)) void submit(clean(username));
        }}
      >
        <div className="cat-two">
          <UsernameField
            label={t('plans.assign.member')}
            hint={t('plans.assign.memberHint')}
            value={username}
            error={usernameError}
            onValue={setUsername}
          />
          <TextField label={t('plans.assign.startDate')} type="date" value={startDate} required error={dateError} onValue={setStartDate} />
        </div>
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        {forbidden && !coached && (
          <p>
            <Link to="/members">{t('plans.assign.askToCoach')}</Link>
          </p>
        )}
        <Button type="submit" variant="primary" busy={assign.isPending || checking} disabled={!username.trim() || !startDate}>
          {t('plans.assign.submit')}
        </Button>
      </form>
      {following && (
        <ConfirmDialog
          open
          title={following.self ? t('assignSwitch.titleSelf') : t('assignSwitch.title', { who: following.who })}
          confirmLabel={t(following.assignment.plan.id === plan.id ? 'assignSwitch.confirmSame' : 'assignSwitch.confirm')}
          busy={assign.isPending}
          onConfirm={() => assign.mutate(following.assignment.member)}
          onCancel={() => setFollowing(null)}
        >
          <SwitchQuestion following={following} next={plan} />
        </ConfirmDialog>
      )}
      <PlanFollowers plan={plan} />
    </div>
  );
}

/** "Mia already follows “Strength A” (week 2 of 6). Assign “Hypertrophy B” instead?" */
function SwitchQuestion({ following, next }: { following: Following; next: Plan }) {
  const { t } = useTranslation();
  const { assignment: a, who, self, week } = following;
  const again = a.plan.id === next.id;
  const key = `${again ? 'same' : ''}${week ? 'Week' : 'Days'}${self ? 'Self' : ''}`;
  const values = { who, plan: a.plan.title, next: next.title, week: week?.week, weeks: week?.weeks, done: a.days_done, total: a.plan.days };
  const name = key.charAt(0).toLowerCase() + key.slice(1);
  return (
    <>
      <p>{t(`assignSwitch.${name}`, values)}</p>
      {!again && <p className="muted">{t('assignSwitch.after', { plan: a.plan.title })}</p>}
    </>
  );
}

/** The plan's author who is not a coach still sees who follows the plan. */
export function PlanFollowersCard({ plan }: { plan: Plan }) {
  return (
    <div className="card cat-assign">
      <PlanFollowers plan={plan} />
    </div>
  );
}

/**
 * Who follows the plan, from the server: everyone for its author and administrators, the
 * assignments they made for other coaches. Ending is offered where the server allows it (the
 * coach who assigned, an administrator, the member).
 */
function PlanFollowers({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const client = useQueryClient();
  const query = usePlanFollowers(plan.id);
  const [ending, setEnding] = useState<Assignment | null>(null);
  const end = useMutation({
    mutationFn: (a: Assignment) =>
      endAssignment(a.id).catch((e) => {
        if (isProblem(e, 'not_found')) return undefined;
        throw e;
      }),
    onSuccess: (_, a) => {
      client.setQueryData<{ items: Assignment[] }>(planKeys.followers(plan.id), (old) =>
        old ? { ...old, items: old.items.filter((x) => x.id !== a.id) } : old,
      );
      void client.invalidateQueries({ queryKey: planKeys.followers(plan.id) });
      void client.invalidateQueries({ queryKey: planKeys.assignments });
      void client.invalidateQueries({ queryKey: coachingKeys.members });
      setEnding(null);
    },
  });
  // Not the author and not a coach (403), or the plan is gone (404): nothing to show.
  if (query.isError && isProblem(query.error) && (query.error.status === 403 || query.error.status === 404)) return null;
  const canEnd = (a: Assignment) => a.coach === me.username || a.member === me.username || isAdmin(me);

  return (
    <section className="cat-followers" aria-labelledby={`followers-${plan.id}`}>
      <h3 id={`followers-${plan.id}`} className="cat-subtitle">
        {t('plans.assign.followersTitle')}
      </h3>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <p className="muted">{t('plans.assign.followersNone')}</p>
      ) : (
        <ul className="rows">
          {query.data.items.map((a) => (
            <li className="row" key={a.id}>
              <div className="row-main">
                <p className="row-title">
                  <Link to={`/u/${a.member}`}>@{a.member}</Link>
                </p>
                <p className="row-meta">
                  <span>{t('plans.assign.since', { date: format.date(`${a.start_date}T12:00:00Z`) })}</span>
                  <span>{t('plans.daysDone', { count: a.days_done })}</span>
                  {a.coach !== me.username && <span>{t('plans.assign.byCoach', { username: a.coach })}</span>}
                </p>
              </div>
              {canEnd(a) && (
                <div className="row-actions">
                  <Button small variant="danger" aria-label={t('plans.assign.endFor', { username: a.member })} onClick={() => setEnding(a)}>
                    {t('plans.assign.end')}
                  </Button>
                </div>
              )}
              {/* Adherence is for the member and the coach who assigned the plan. */}
              {(a.coach === me.username || a.member === me.username) && (
                <AdherenceToggle assignment={a} label={t('plans.adherence.showFor', { username: a.member })} />
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={ending !== null}
        title={t('plans.assign.endTitle', { username: ending?.member ?? '' })}
        confirmLabel={t('plans.assign.end')}
        busy={end.isPending}
        error={end.error ? problemMessage(t, end.error) : null}
        onConfirm={() => ending && end.mutate(ending)}
        onCancel={() => {
          setEnding(null);
          end.reset();
        }}
      >
        <p>{t('plans.assign.endBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
