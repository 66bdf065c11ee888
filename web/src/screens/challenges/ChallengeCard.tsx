import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Challenge } from '../../api/gamification';
import type { Units } from '../../lib/units';
import { ChallengeMembership } from './ChallengeMembership';
import { ChallengeProgress } from './ChallengeProgress';
import { challengeDates, challengeRule, challengeWhere } from './challengeText';

/** A challenge in a list: what, where, when, how many take part, one's progress, join or leave. */
export function ChallengeCard({ challenge: c, units }: { challenge: Challenge; units: Units }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const lang = i18n.language;
  return (
    <article className="card gm-challenge-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="gm-challenge-title">
        <Link to={`/challenges/${c.id}`}>{c.title}</Link>
      </h2>
      <p className="status-line">
        <span className="badge badge-muted">{challengeWhere(t, c)}</span>
        {c.joined && <span className="badge badge-accent">{t('challenges.joined')}</span>}
      </p>
      <p className="gm-small">{challengeRule(t, lang, c, units)}</p>
      <p className="muted gm-small">
        {challengeDates(t, lang, c)} · {t('challenges.participants', { count: c.participants })}
      </p>
      <ChallengeProgress challenge={c} units={units} />
      <ChallengeMembership challenge={c} />
    </article>
  );
}
