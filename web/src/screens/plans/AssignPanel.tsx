import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../api/problem';
import { search } from '../../api/search';
import { assignPlan, endAssignment } from '../../api/training';
import type { Plan } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { formErrors, problemMessage } from '../../lib/problemText';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { useDebounced } from '../search/useDebounced';
import { localDate } from './dates';
import { assignmentsMade, saveAssignmentsMade, type MadeAssignment } from './planQueries';

/** Coaches and admins give a plan to a member from a start date, and end what they gave. */
export function AssignPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const listId = useId();
  const [username, setUsername] = useState('');
  const [startDate, setStartDate] = useState(() => localDate(me.preferences.timezone));
  const [made, setMade] = useState<MadeAssignment[]>(() => assignmentsMade(plan.id));
  const [ending, setEnding] = useState<MadeAssignment | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const q = useDebounced(username.trim().replace(/^@/, ''), 250);
  const suggestions = useQuery({
    queryKey: ['search', 'users', q],
    queryFn: () => search(q, ['users'], 6),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });

  const assign = useMutation({
    mutationFn: () => assignPlan(plan.id, username.trim().replace(/^@/, ''), startDate),
    onSuccess: (a) => {
      const entry = { id: a.id, planId: plan.id, member: a.member, startDate: a.start_date };
      saveAssignmentsMade((all) => [...all.filter((x) => x.id !== a.id), entry]);
      setMade(assignmentsMade(plan.id));
      setDone(t('plans.assign.done', { username: a.member, date: a.start_date }));
      setUsername('');
    },
  });
  const end = useMutation({
    mutationFn: (a: MadeAssignment) => endAssignment(a.id).catch((e) => {
      if (isProblem(e, 'not_found')) return undefined;
      throw e;
    }),
    onSuccess: (_, a) => {
      saveAssignmentsMade((all) => all.filter((x) => x.id !== a.id));
      setMade(assignmentsMade(plan.id));
      setEnding(null);
    },
  });
  const errors = formErrors(t, assign.error, ['username', 'start_date']);
  const fieldProblem = (name: string) => (isProblem(assign.error) ? assign.error.errors.find((e) => e.field === name) : undefined);
  const userProblem = fieldProblem('username');
  const usernameError = userProblem ? t(/disabled/i.test(userProblem.message) ? 'plans.assign.disabledMember' : 'plans.assign.noSuchMember') : undefined;
  const dateError = fieldProblem('start_date') ? t('plans.assign.badDate') : undefined;

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
          if (username.trim()) assign.mutate();
        }}
      >
        <div className="cat-two">
          <TextField
            label={t('plans.assign.member')}
            hint={t('plans.assign.memberHint')}
            value={username}
            list={listId}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            error={usernameError}
            onValue={setUsername}
          />
          <datalist id={listId}>
            {(suggestions.data?.items ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.title}
              </option>
            ))}
          </datalist>
          <TextField label={t('plans.assign.startDate')} type="date" value={startDate} required error={dateError} onValue={setStartDate} />
        </div>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <Button type="submit" variant="primary" busy={assign.isPending} disabled={!username.trim() || !startDate}>
          {t('plans.assign.submit')}
        </Button>
      </form>
      {made.length > 0 && (
        <>
          <h3 className="cat-subtitle">{t('plans.assign.madeTitle')}</h3>
          <ul className="rows">
            {made.map((a) => (
              <li className="row" key={a.id}>
                <div className="row-main">
                  <p className="row-title">
                    <Link to={`/u/${a.member}`}>@{a.member}</Link>
                  </p>
                  <p className="row-meta">{t('plans.assign.since', { date: a.startDate })}</p>
                </div>
                <div className="row-actions">
                  <Button small variant="danger" onClick={() => setEnding(a)}>
                    {t('plans.assign.end')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          <p className="field-hint">{t('plans.assign.madeHint')}</p>
        </>
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
    </div>
  );
}
