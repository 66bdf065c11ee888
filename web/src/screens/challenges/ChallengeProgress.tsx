import { useTranslation } from 'react-i18next';
import type { Challenge } from '../../api/gamification';
import type { Units } from '../../lib/units';
import { formatMetricValue } from '../achievements/format';
import { Meter } from '../achievements/Meter';

/** The caller's progress in a challenge they joined: a bar towards the goal, or their total in a race. */
export function ChallengeProgress({ challenge: c, units }: { challenge: Challenge; units: Units }) {
  const { t, i18n } = useTranslation();
  if (!c.joined) return null;
  const value = c.my_value ?? 0;
  const mine = formatMetricValue(t, i18n.language, c.metric, value, units);
  if (c.kind === 'goal' && c.goal) {
    const goal = formatMetricValue(t, i18n.language, c.metric, c.goal, units);
    const text = t('challenges.progressOf', { value: mine, goal });
    return (
      <div className="gm-challenge-progress">
        <p className="gm-small">
          <strong>{t('challenges.myProgress')}</strong> {text}
          {value >= c.goal && <span className="badge badge-success">{t('challenges.goalReached')}</span>}
        </p>
        <Meter label={t('challenges.myProgress')} value={value} max={c.goal} text={text} />
      </div>
    );
  }
  return (
    <p className="gm-small gm-challenge-progress">
      <strong>{t('challenges.myProgress')}</strong> {mine}
    </p>
  );
}
