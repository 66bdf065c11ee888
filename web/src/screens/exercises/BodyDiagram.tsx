import { useTranslation } from 'react-i18next';
import '../../i18n/training';
import './BodyDiagram.css';
import type { MUSCLES } from './vocab';

type Muscle = (typeof MUSCLES)[number];

/** One shape of a figure: a muscle's region (or plain body when `m` is null), drawn on both sides unless `centre`. */
interface Shape {
  m: Muscle | null;
  d: string;
  centre?: boolean;
}

/** An ellipse as a path, so every shape is drawn the same way. */
const oval = (cx: number, cy: number, rx: number, ry: number) =>
  `M${cx - rx} ${cy}a${rx} ${ry} 0 1 0 ${2 * rx} 0a${rx} ${ry} 0 1 0 ${-2 * rx} 0Z`;

// Figures are drawn in a 100 × 184 box around x = 50, left half only (mirrored for the right).
const SILHOUETTE: Shape[] = [
  { m: null, d: oval(50, 13, 8.5, 10.5), centre: true },
  { m: null, d: 'M50 29H43L32 32Q24 34 23 45L20 64L18 84L21 91L25 85L28 66L33 52L34 62L34 82L35 100L36 130L38 160L38 178L47 180L48 160L49 132L50 106Z' },
];

const FRONT: Shape[] = [
  ...SILHOUETTE,
  { m: 'neck', d: 'M45 22H55L56 30H44Z', centre: true },
  { m: 'traps', d: 'M44 28L36 33L44 33Z' },
  { m: 'shoulders', d: oval(31, 39, 6.5, 7) },
  { m: 'chest', d: 'M49 35H39Q35 40 37 48Q42 53 49 51Z' },
  { m: 'biceps', d: oval(27, 53, 4.2, 9) },
  { m: 'forearms', d: 'M24 63Q28 64 28 67L26 82Q23 84 21 82L21 70Q21 64 24 63Z' },
  { m: 'abdominals', d: 'M43 54H57Q58 54 58 56V82Q50 87 42 82V56Q42 54 43 54Z', centre: true },
  { m: 'abductors', d: oval(36.5, 92, 2.6, 7) },
  { m: 'quadriceps', d: 'M39 92Q45 90 48 96L46.5 126Q42 130 39 126Q37 110 39 92Z' },
  { m: 'adductors', d: 'M48.8 97Q50 97 50 99V119L47.5 121L47.2 108Z' },
  { m: 'calves', d: 'M39 139Q43 136 47 139L46 166Q42 169 40 166Q38 153 39 139Z' },
];

const BACK: Shape[] = [
  ...SILHOUETTE,
  { m: 'neck', d: 'M45 22H55L55 28H45Z', centre: true },
  { m: 'middle_back', d: 'M46 37L39 36Q37 43 39 50L47 52Z' },
  { m: 'traps', d: 'M50 25L62 33L54 37L50 50L46 37L38 33Z', centre: true },
  { m: 'shoulders', d: oval(31, 39, 6.5, 7) },
  { m: 'triceps', d: oval(27, 53, 4.2, 9) },
  { m: 'forearms', d: 'M24 63Q28 64 28 67L26 82Q23 84 21 82L21 70Q21 64 24 63Z' },
  { m: 'lats', d: 'M38 41Q34 49 37 62L43 72L45 60L39 52Z' },
  { m: 'lower_back', d: 'M44 59H49V80H45Q43 80 43 78V61Q43 59 44 59Z' },
  { m: 'abductors', d: oval(36, 88, 2.6, 6) },
  { m: 'glutes', d: oval(43.5, 93, 6.5, 8) },
  { m: 'hamstrings', d: 'M38 103Q43 100 49 103L47 129Q42 133 39 129Q37 116 38 103Z' },
  { m: 'calves', d: oval(43, 150, 5, 12) },
];

/** Where the back figure sits beside the front one. */
const BACK_AT = 110;

function Figure({ shapes, x, caption, cls }: { shapes: Shape[]; x: number; caption: string; cls: (m: Muscle | null) => string }) {
  const draw = (s: Shape, i: number) => <path key={i} d={s.d} className={cls(s.m)} data-muscle={s.m ?? undefined} />;
  return (
    <g transform={`translate(${x} 0)`}>
      {shapes.map(draw)}
      <g transform="matrix(-1 0 0 1 100 0)">{shapes.map((s, i) => (s.centre ? null : draw(s, i)))}</g>
      <text x="50" y="196" className="bd-caption" textAnchor="middle">
        {caption}
      </text>
    </g>
  );
}

/**
 * A front and back body with the exercise's main muscles strongly and its helpers lightly
 * highlighted; the picture's label (and the legend under it) name them in the UI language.
 */
export function BodyDiagram({ primary, secondary }: { primary: readonly string[]; secondary: readonly string[] }) {
  const { t } = useTranslation();
  const name = (m: string) => t(`muscles.${m}`, { defaultValue: m.replace(/_/g, ' ') });
  const helpers = secondary.filter((m) => !primary.includes(m));
  const cls = (m: Muscle | null) =>
    m === null ? 'bd-body' : primary.includes(m) ? 'bd-muscle bd-primary' : helpers.includes(m) ? 'bd-muscle bd-secondary' : 'bd-muscle';
  const primaryText = primary.map(name).join(', ');
  const helperText = helpers.map(name).join(', ');
  const label = helpers.length > 0 ? t('exerciseInfo.diagram.labelBoth', { primary: primaryText, secondary: helperText }) : t('exerciseInfo.diagram.label', { primary: primaryText });
  return (
    <figure className="bd">
      <svg className="bd-svg" viewBox="0 0 210 200" role="img" aria-label={label}>
        <Figure shapes={FRONT} x={0} caption={t('exerciseInfo.diagram.front')} cls={cls} />
        <Figure shapes={BACK} x={BACK_AT} caption={t('exerciseInfo.diagram.back')} cls={cls} />
      </svg>
      <figcaption>
        <ul className="bd-legend">
          {primary.length > 0 && (
            <li>
              <span className="bd-swatch bd-primary" aria-hidden="true" />
              <span>
                <strong>{t('exerciseInfo.diagram.primary')}:</strong> {primaryText}
              </span>
            </li>
          )}
          {helpers.length > 0 && (
            <li>
              <span className="bd-swatch bd-secondary" aria-hidden="true" />
              <span>
                <strong>{t('exerciseInfo.diagram.secondary')}:</strong> {helperText}
              </span>
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
