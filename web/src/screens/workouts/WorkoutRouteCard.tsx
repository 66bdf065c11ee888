import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { getWorkoutTrack, trackGpxUrl, type TrackPoint, type WorkoutTrack } from '../../api/tracks';
import '../../i18n/tracks';
import { formatClock, formatDistance, formatNumber, M_PER_FT, M_PER_MI, type Units } from '../../lib/units';
import './WorkoutRouteCard.css';

const WIDTH = 320;
const HEIGHT = 200;
const PAD = 10;

/** Kinds of activity whose pace (time per distance) means more than speed. */
const PACED = new Set(['running', 'walking', 'hiking', 'swimming']);

/**
 * The points as an SVG path in a WIDTH × HEIGHT box: an equirectangular projection around the
 * route's middle latitude (good for the few kilometres of one activity), north up, aspect kept.
 */
export function routePath(points: readonly TrackPoint[]): { d: string; start: [number, number]; end: [number, number] } | null {
  if (points.length < 2) return null;
  const mid = ((Math.min(...points.map((p) => p.lat)) + Math.max(...points.map((p) => p.lat))) / 2) * (Math.PI / 180);
  const xs = points.map((p) => p.lon * Math.cos(mid));
  const ys = points.map((p) => -p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(maxX - minX, span * 1e-3), (HEIGHT - 2 * PAD) / Math.max(maxY - minY, span * 1e-3));
  // Centred in the box.
  const ox = (WIDTH - (maxX - minX) * scale) / 2;
  const oy = (HEIGHT - (maxY - minY) * scale) / 2;
  const at = (i: number): [number, number] => [Number((ox + (xs[i] - minX) * scale).toFixed(1)), Number((oy + (ys[i] - minY) * scale).toFixed(1))];
  const d = points.map((_, i) => `${i === 0 ? 'M' : 'L'}${at(i).join(' ')}`).join(' ');
  return { d, start: at(0), end: at(points.length - 1) };
}

function Stats({ track, units }: { track: WorkoutTrack; units: Units }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const imperial = units === 'imperial';
  const km = track.distance_m / (imperial ? M_PER_MI : 1000);
  const secs = track.duration_s ?? 0;
  const rate =
    km > 0 && secs > 0
      ? PACED.has(track.sport)
        ? { label: t('route.pace'), value: t(imperial ? 'route.paceValueMi' : 'route.paceValue', { value: formatClock(secs / km) }) }
        : { label: t('route.speed'), value: t(imperial ? 'route.speedValueMi' : 'route.speedValue', { value: formatNumber(km / (secs / 3600), lang, 1) }) }
      : null;
  const climb = track.elevation_gain_m;
  return (
    <dl className="wk-stats route-stats">
      <div>
        <dt>{t('route.distance')}</dt>
        <dd>{formatDistance(t, lang, track.distance_m, units)}</dd>
      </div>
      {track.duration_s != null && (
        <div>
          <dt>{t('route.duration')}</dt>
          <dd>{formatClock(secs)}</dd>
        </div>
      )}
      {rate && (
        <div>
          <dt>{rate.label}</dt>
          <dd>{rate.value}</dd>
        </div>
      )}
      {climb != null && (
        <div>
          <dt>{t('route.elevation')}</dt>
          <dd>{imperial ? t('route.feet', { value: formatNumber(climb / M_PER_FT, lang, 0) }) : t('route.metres', { value: formatNumber(climb, lang, 0) })}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * A workout's GPS route: a drawing of it (no map tiles: nothing is fetched from elsewhere), its
 * distance, time, pace or speed and climb, and the GPX download. Draws nothing when the workout
 * has no route (or the caller may not see it).
 */
export default function WorkoutRouteCard({ workoutId, units }: { workoutId: string; units: Units }) {
  const { t } = useTranslation();
  const id = useId();
  const query = useQuery({ queryKey: ['workouts', workoutId, 'track'], queryFn: () => getWorkoutTrack(workoutId), retry: false, staleTime: Infinity });
  if (!query.data) return null;
  const track = query.data;
  const path = routePath(track.points);
  return (
    <section className="card route-card" aria-labelledby={`${id}-title`} data-testid="route-card">
      <h2 id={`${id}-title`}>{t('route.title')}</h2>
      {path && (
        <svg className="route-drawing" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('route.drawing', { count: track.total_points })}>
          <path className="route-line" d={path.d} />
          <circle className="route-start" cx={path.start[0]} cy={path.start[1]} r={5}>
            <title>{t('route.start')}</title>
          </circle>
          <circle className="route-end" cx={path.end[0]} cy={path.end[1]} r={5}>
            <title>{t('route.finish')}</title>
          </circle>
        </svg>
      )}
      <Stats track={track} units={units} />
      <a className="btn btn-ghost" href={trackGpxUrl(workoutId)} download>
        {t('route.download')}
      </a>
    </section>
  );
}
