import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkoutSet } from '../../api/types';
import { TrophyIcon } from '../../components/icons';
import type { Units } from '../../lib/units';
import { setText } from './text';

/**
 * "New personal record!" over the logger for a few seconds after a set beats the best estimated
 * 1RM. It floats (taps go through it), so nothing under it moves or gets covered for touch.
 */
export function RecordToast({ set, name, units, onDone }: { set: WorkoutSet; name: string; units: Units; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    const id = setTimeout(onDone, 5000);
    return () => clearTimeout(id);
  }, [set.id, onDone]);
  return (
    <div className="wk-pr-toast" role="status" data-testid="record-toast">
      <TrophyIcon />
      <p>
        <strong>{t('logger.newRecord')}</strong>
        <span>
          {name} · {setText(t, i18n.language, set, units)}
        </span>
      </p>
    </div>
  );
}
