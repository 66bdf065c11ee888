import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Challenge, ChallengePatch } from '../../api/gamification';
import { useChallenge, useStandings, useUpdateChallenge } from '../../api/gamificationQueries';
import { isProblem } from '../../api/problem';
import { Alert, LoadError } from '../../components/Alert';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Spinner';
import '../../i18n/gamification';
import { personName } from '../../lib/format';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { formatMetricValue } from '../achievements/format';
import { useExercises } from '../workouts/useExercises';
import { NotListedHint, RankedList } from '../leaderboards/RankedList';
import { ChallengeForm } from './ChallengeForm';
import { challengeValues } from './ChallengeFields';
import { ChallengeMembership } from './ChallengeMembership';
import { ChallengeProgress } from './ChallengeProgress';
import { challengeDates, challengeRule, challengeWhere } from './challengeText';
import '../achievements/achievements.css';
import '../leaderboards/leaderboards.css';
import './challenges.css';

/** The standings: the top places, the caller's own, and once it is over the winners. */
function StandingsCard({ challenge: c }: { challenge: Challenge }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const titleId = useId();
  const query = useStandings(c.id);
  const format = (v: number) => formatMetricValue(t, i18n.language, c.metric, v, me.preferences.units);
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const s = query.data;
    body = (
      <>
        {s.me && s.me.rank == null && <NotListedHint value={format(s.me.value)} />}
        <RankedList entries={s.entries} me={s.me} format={format} empty={t('challenges.noStandings')} label={t('challenges.standings')} />
        {!c.joined && c.status !== 'ended' && <p className="muted gm-small">{t('challenges.joinToAppear')}</p>}
      </>
    );
  }
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(c.finalized ? 'challenges.finalStandings' : 'challenges.standings')}</h2>
      {body}
    </section>
  );
}

/** Once a challenge is over: who won (a race) or how many reached the goal. */
function Results({ challenge: c }: { challenge: Challenge }) {
  const { t } = useTranslation();
  const titleId = useId();
  if (c.status !== 'ended') return null;
  if (!c.finalized) return <Alert tone="info">{t('challenges.counting')}</Alert>;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('challenges.results')}</h2>
      {c.kind === 'goal' && c.finishers != null && <p>{t('challenges.finishers', { count: c.finishers })}</p>}
      {c.winners.length > 0 ? (
        <>
          <p className="gm-small">
            <strong>{t('challenges.winners', { count: c.winners.length })}</strong>
          </p>
          <ul className="gm-winners">
            {c.winners.map((w) => (
              <li key={w.username}>
                <Avatar name={personName(w)} size={28} />
                <Link to={`/u/${encodeURIComponent(w.username)}`}>{personName(w)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('challenges.noWinners')}</p>
      )}
    </section>
  );
}

function ChallengeView({ challenge: c }: { challenge: Challenge }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = useUpdateChallenge(c.id);
  const units = me.preferences.units;
  const lang = i18n.language;
  const { name } = useExercises(c.exercise_id ? [c.exercise_id] : []);
  return (
    <section className="screen gm-challenge-screen">
      <Link className="back-link" to="/challenges">
        {t('challenges.back')}
      </Link>
      {created && <Alert tone="success">{t('challenges.created')}</Alert>}
      {saved && <Alert tone="success">{t('common.saved')}</Alert>}
      <div className="card">
        <h1 className="gm-challenge-title">{c.title}</h1>
        <p className="status-line">
          <span className="badge badge-muted">{challengeWhere(t, c)}</span>
          <span className="badge">{t(`challenges.status.${c.status}`)}</span>
        </p>
        {c.description && <p className="gm-challenge-about">{c.description}</p>}
        <p className="gm-small">
          {challengeRule(t, lang, c, units)}
          {c.exercise_id && ` · ${name(c.exercise_id)}`}
        </p>
        <p className="muted gm-small">
          {challengeDates(t, lang, c)} · {t('challenges.participants', { count: c.participants })}
        </p>
        {c.creator && <p className="muted gm-small">{t('challenges.by', { name: personName(c.creator) })}</p>}
        <ChallengeProgress challenge={c} units={units} />
        <ChallengeMembership challenge={c} />
        {c.may_edit && !editing && (
          <div className="actions">
            <Button
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('challenges.edit')}
            </Button>
          </div>
        )}
      </div>
      {editing && (
        <ChallengeForm
          title={t('challenges.editTitle')}
          submitLabel={t('common.save')}
          initial={challengeValues(c, units, lang)}
          units={units}
          scopes={null}
          editing={c}
          busy={update.isPending}
          error={update.error}
          onReset={() => update.reset()}
          onSubmit={(body) =>
            update.mutate(body as ChallengePatch, {
              onSuccess: () => {
                setEditing(false);
                setSaved(true);
              },
            })
          }
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      )}
      <Results challenge={c} />
      <StandingsCard challenge={c} />
    </section>
  );
}

/** A challenge's page: what it is, one's progress, its standings and, once over, its results. */
export default function ChallengeScreen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useChallenge(id);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isProblem(query.error) && query.error.status === 404) {
      return (
        <section className="screen">
          <h1>{t('challenges.notFoundTitle')}</h1>
          <Alert tone="info">{t('challenges.notFound')}</Alert>
          <Link to="/challenges">{t('challenges.back')}</Link>
        </section>
      );
    }
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <ChallengeView challenge={query.data} />;
}
