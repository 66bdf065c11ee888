import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCursorList } from '../../api/queries';
import { endAssignment, listPlans } from '../../api/training';
import type { Assignment, PlanList, PlanSummary } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { personName, useFormat } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { useDebounced } from '../search/useDebounced';
import { AdherenceToggle } from './AdherencePanel';
import { myAssignmentsQuery, planKeys } from './planQueries';
import { LoadMore } from '../../components/LoadMore';

type Tab = 'mine' | 'gym' | 'assigned';

/** Your plans, the gym's shared plans and the ones assigned to you; typing searches every plan you may see. */
export default function PlansScreen() {
  const { t } = useTranslation();
  const searchId = useId();
  const [text, setText] = useState('');
  const [tab, setTab] = useState<Tab>('mine');
  const q = useDebounced(text.trim(), 250);
  return (
    <section className="screen">
      <div className="cat-screen-head">
        <h1>{t('plans.title')}</h1>
        <Link className="btn btn-primary" to="/plans/new">
          {t('plans.new')}
        </Link>
      </div>
      <div className="field">
        <label htmlFor={searchId}>{t('plans.search')}</label>
        <input id={searchId} type="search" value={text} placeholder={t('plans.searchPlaceholder')} autoComplete="off" onChange={(e) => setText(e.target.value)} />
      </div>
      {q ? (
        <PlanSearchResults q={q} />
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label={t('plans.title')}>
            {(['mine', 'gym', 'assigned'] as const).map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} className={`tab${tab === name ? ' active' : ''}`} onClick={() => setTab(name)}>
                {t(`plans.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {tab === 'mine' && <MyPlans />}
            {tab === 'gym' && <GymPlans />}
            {tab === 'assigned' && <AssignedToMe />}
          </div>
        </>
      )}
    </section>
  );
}

function PlanRow({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
        </p>
        <p className="row-meta">
          {plan.author && <span>{t('plans.by', { name: personName(plan.author) })}</span>}
          {plan.goal && <span>{t(`plans.goal.${plan.goal}`, { defaultValue: plan.goal })}</span>}
          <span>
            {t('plans.weeks', { count: plan.weeks })} · {t('plans.days', { count: plan.days })}
          </span>
          <span>{t(`plans.visibility.${plan.visibility}`)}</span>
          <span>{t('plans.updated', { date: format.date(plan.updated_at) })}</span>
        </p>
      </div>
    </li>
  );
}

/** One paged list of plans, with its loading, error and empty states. */
function PlanRows({ queryKey, fetch, empty }: { queryKey: QueryKey; fetch: (cursor?: string) => Promise<PlanList>; empty: ReactNode }) {
  const list = useCursorList(queryKey, fetch);
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return empty;
  return (
    <div className="card" aria-busy={list.isFetching || undefined}>
      <ul className="rows">
        {list.items.map((p) => (
          <PlanRow key={p.id} plan={p} />
        ))}
      </ul>
      <LoadMore list={list} />
    </div>
  );
}

function MyPlans() {
  const { t } = useTranslation();
  const empty = (
    <div className="card">
      <EmptyState>{t('plans.emptyMine')}</EmptyState>
      <Link className="btn btn-primary" to="/plans/new">
        {t('plans.new')}
      </Link>
    </div>
  );
  return <PlanRows queryKey={planKeys.mine} fetch={(cursor) => listPlans('', cursor)} empty={empty} />;
}

function GymPlans() {
  const { t } = useTranslation();
  return <PlanRows queryKey={planKeys.gym} fetch={(cursor) => listPlans('', cursor, 'gym')} empty={<EmptyState>{t('plans.emptyGym')}</EmptyState>} />;
}

function PlanSearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  return <PlanRows queryKey={planKeys.search(q)} fetch={(cursor) => listPlans(q, cursor)} empty={<EmptyState>{t('plans.noMatch', { q })}</EmptyState>} />;
}

function AssignedToMe() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [ending, setEnding] = useState<Assignment | null>(null);
  const query = useQuery(myAssignmentsQuery);
  const end = useMutation({
    mutationFn: (a: Assignment) => endAssignment(a.id),
    onSuccess: () => {
      setEnding(null);
      void client.invalidateQueries({ queryKey: planKeys.assignments });
      void client.invalidateQueries({ queryKey: ['today'] });
    },
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState>{t('plans.emptyAssigned')}</EmptyState>;
  return (
    <div className="card">
      <ul className="rows">
        {query.data.items.map((a) => (
          <li className="row" key={a.id}>
            <div className="row-main">
              <p className="row-title">
                <Link to={`/plans/${a.plan.id}`}>{a.plan.title}</Link>
              </p>
              <p className="row-meta">
                <span>{t('plans.assignedBy', { username: a.coach })}</span>
                <span>{t('plans.assign.since', { date: format.date(`${a.start_date}T12:00:00Z`) })}</span>
                <span>{t('plans.daysDone', { count: a.days_done })}</span>
              </p>
            </div>
            <div className="row-actions">
              <Button small variant="danger" onClick={() => setEnding(a)}>
                {t('plans.assign.end')}
              </Button>
            </div>
            <AdherenceToggle assignment={a} />
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={ending !== null}
        title={t('plans.endMineTitle', { title: ending?.plan.title ?? '' })}
        confirmLabel={t('plans.assign.end')}
        busy={end.isPending}
        error={end.error ? problemMessage(t, end.error) : null}
        onConfirm={() => ending && end.mutate(ending)}
        onCancel={() => {
          setEnding(null);
          end.reset();
        }}
      >
        <p>{t('plans.endMineBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
