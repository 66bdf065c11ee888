import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Workout } from '../../api/types';
import { useFormat } from '../../lib/format';
import { formatHm, type Units } from '../../lib/units';
import { TrophyIcon } from '../../components/icons';
import { formatVolume } from './text';

/** A workout in the history: title, when, how long, sets, volume and records. */
export function WorkoutListItem({ workout: w, units }: { workout: Workout; units: Units }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  return (
    <li className="row wk-history-row">
      <Link to={`/workouts/${w.id}`} className="row-main wk-history-link">
        <span className="row-title">{w.title || t('logger.untitled')}</span>
        <span className="row-meta">
          {fmt.dateTime(w.started_at)}
          {w.duration_s !== undefined && w.duration_s !== null && ` · ${formatHm(w.duration_s)}`}
          {!w.finished_at && ` · ${t('history.inProgress')}`}
        </span>
        <span className="row-meta">
          {t('history.sets', { count: w.set_count })} · {formatVolume(t, i18n.language, w.volume_kg, units)}
          {w.records_hit > 0 && (
            <span className="badge badge-success wk-record-badge">
              <TrophyIcon /> {t('history.records', { count: w.records_hit })}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
