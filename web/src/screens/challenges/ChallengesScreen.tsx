import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { ChallengeCreate, ChallengeTab } from '../../api/gamification';
import { useChallenges, useCreateChallenge } from '../../api/gamificationQueries';
import { useClubs } from '../../api/clubsQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/LoadMore';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import '../../i18n/gamification';
import { isAdmin, isCoach, useSignedInMe } from '../../lib/useSignedInMe';
import { localDate } from '../plans/dates';
import { ChallengeCard } from './ChallengeCard';
import { newChallenge } from './ChallengeFields';
import { ChallengeForm } from './ChallengeForm';
import '../achievements/achievements.css';
import '../leaderboards/leaderboards.css';
import './challenges.css';

const TABS: readonly ChallengeTab[] = ['active', 'upcoming', 'ended', 'mine'];

/**
 * Where the caller may set a challenge: the whole gym (coaches and administrators) and the clubs
 * they administer (gym administrators: every club they are in).
 */
export function useCreateScopes() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const clubs = useClubs(true);
  return [
    ...(isCoach(me.role) ? [{ value: 'gym', label: t('challenges.gym') }] : []),
    ...clubs.items
      .filter((c) => c.role === 'admin' || (isAdmin(me) && c.role === 'member'))
      .map((c) => ({ value: `club:${c.id}`, label: t('challenges.clubNamed', { name: c.name }) })),
  ];
}

function CreateChallenge() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const scopes = useCreateScopes();
  const create = useCreateChallenge();
  const [open, setOpen] = useState(false);
  if (scopes.length === 0) return null;
  if (!open) {
    return (
      <div className="gm-create-toggle">
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('challenges.create.open')}
        </Button>
      </div>
    );
  }
  return (
    <ChallengeForm
      title={t('challenges.create.title')}
      submitLabel={t('challenges.create.submit')}
      initial={newChallenge(scopes[0]!.value, localDate(me.preferences.timezone))}
      units={me.preferences.units}
      scopes={scopes}
      busy={create.isPending}
      error={create.error}
      onReset={() => create.reset()}
      onSubmit={(body) => create.mutate(body as ChallengeCreate, { onSuccess: (c) => navigate(`/challenges/${c.id}`, { state: { created: true } }) })}
      onCancel={() => {
        create.reset();
        setOpen(false);
      }}
    />
  );
}

function ChallengeList({ tab }: { tab: ChallengeTab }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const list = useChallenges(tab);
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return <EmptyState>{t(`challenges.empty.${tab}`)}</EmptyState>;
  return (
    <>
      <div className="gm-challenges">
        {list.items.map((c) => (
          <ChallengeCard key={c.id} challenge={c} units={me.preferences.units} />
        ))}
      </div>
      <LoadMore list={list} />
    </>
  );
}

/** Running, coming and past challenges, the ones one joined, and a new one for those who may set them. */
export default function ChallengesScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as ChallengeTab | null;
  const tab: ChallengeTab = asked && TABS.includes(asked) ? asked : 'active';
  return (
    <section className="screen">
      <h1>{t('challenges.title')}</h1>
      <p className="muted">{t('challenges.intro')}</p>
      <CreateChallenge />
      <div className="gm-tabs">
        <Segmented
          label={t('challenges.tabsLabel')}
          value={tab}
          onValue={(v) => setParams(v === 'active' ? {} : { tab: v }, { replace: true })}
          options={TABS.map((v) => ({ value: v, label: t(`challenges.tabs.${v}`) }))}
        />
      </div>
      <ChallengeList tab={tab} />
    </section>
  );
}
