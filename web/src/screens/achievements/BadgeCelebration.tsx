import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyAchievements } from '../../api/gamificationQueries';
import '../../i18n/gamification';
import { BadgeIcon } from './BadgeIcon';
import { badgesEarnedSince } from './format';
import './achievements.css';

const CONFETTI = 14;

/**
 * On the summary of a workout just finished: the badges it earned, with a short burst of
 * confetti (none when the system asks for reduced motion). Nothing when it earned none.
 */
export default function BadgeCelebration({ startedAt }: { startedAt: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useMyAchievements(true);
  const earned = query.data ? badgesEarnedSince(query.data.badges, startedAt) : [];
  if (earned.length === 0) return null;
  return (
    <section className="card gm-celebration" aria-labelledby={titleId}>
      <div className="gm-confetti" aria-hidden="true">
        {Array.from({ length: CONFETTI }, (_, i) => (
          <span key={i} style={{ ['--i' as string]: i }} />
        ))}
      </div>
      <h2 id={titleId}>{t('achievements.celebrate.title', { count: earned.length })}</h2>
      <ul className="gm-celebration-list">
        {earned.map((b) => (
          <li key={b.id} className="badge-earned">
            <span className="gm-pop">
              <BadgeIcon id={b.id} />
            </span>
            <span>
              <strong>{b.name}</strong>
              {b.repeatable && b.count > 1 && <> {t('achievements.times', { n: b.count })}</>}
              <br />
              <span className="muted">{b.description}</span>
            </span>
          </li>
        ))}
      </ul>
      <Link to="/profile#achievements">{t('achievements.celebrate.seeAll')}</Link>
    </section>
  );
}
