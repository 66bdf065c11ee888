import type { ReactNode } from 'react';

/*
 * Gymbox's own badge drawings: a round medal with one line symbol, the tier's number under it for
 * badges that come in steps. Decorative (the badge's name is always written beside them); loaded
 * on demand, see BadgeIcon.
 */

/** A symbol drawn around the middle, alone or shrunk above a tier number. */
const Symbol = ({ children, tier }: { children: ReactNode; tier?: string }) =>
  tier ? (
    <>
      <g transform="translate(24 20) scale(0.7) translate(-24 -24)">{children}</g>
      <text x="24" y="38" textAnchor="middle" className="bi-tier">
        {tier}
      </text>
    </>
  ) : (
    <>{children}</>
  );

const Dumbbell = () => (
  <>
    <path d="M15 24h18" />
    <rect x="11" y="17" width="4" height="14" rx="1" />
    <rect x="33" y="17" width="4" height="14" rx="1" />
    <path d="M8 21v6M40 21v6" />
  </>
);

const Flame = () => <path d="M24 11c1 5 8 8 8 16a8 8 0 0 1-16 0c0-4 2-7 5-9 0 3 1 5 3 6 1-4-1-9 0-13z" />;

const Kettlebell = () => (
  <>
    <path d="M19 21v-3a5 5 0 0 1 10 0v3" />
    <path d="M16 37h16l1-6a9 9 0 1 0-18 0z" />
  </>
);

const Trophy = () => (
  <>
    <path d="M17 12h14v7a7 7 0 0 1-14 0z" />
    <path d="M17 14h-3a3 3 0 0 0 3 6M31 14h3a3 3 0 0 1-3 6" />
    <path d="M24 26v6M19 36h10M20 32h8" />
  </>
);

const Sunrise = () => (
  <>
    <path d="M16 30a8 8 0 0 1 16 0" />
    <path d="M10 30h28M15 35h18" />
    <path d="M24 14v4M14 18l3 3M34 18l-3 3" />
  </>
);

const Moon = () => (
  <>
    <path d="M29 12a11 11 0 1 0 7 19 9 9 0 0 1-7-19z" />
    <path d="M14 14v4M12 16h4M36 12v2M35 13h2" />
  </>
);

const Checklist = () => (
  <>
    <rect x="14" y="13" width="20" height="24" rx="2" />
    <path d="M20 13v-2h8v2" />
    <path d="M19 25l4 4 7-8" />
  </>
);

const Flag = () => (
  <>
    <path d="M16 37V11" />
    <path d="M16 12h16l-4 6 4 6H16" />
  </>
);

const Medal = () => (
  <>
    <path d="M18 10l6 10 6-10" />
    <circle cx="24" cy="29" r="8" />
    <path d="M24 25l1.2 2.5 2.8.4-2 2 .5 2.8-2.5-1.3-2.5 1.3.5-2.8-2-2 2.8-.4z" />
  </>
);

const DRAWINGS: Record<string, ReactNode> = {
  first_workout: <Dumbbell />,
  workouts_10: <Symbol tier="10"><Dumbbell /></Symbol>,
  workouts_50: <Symbol tier="50"><Dumbbell /></Symbol>,
  workouts_100: <Symbol tier="100"><Dumbbell /></Symbol>,
  workouts_500: <Symbol tier="500"><Dumbbell /></Symbol>,
  streak_4: <Symbol tier="4"><Flame /></Symbol>,
  streak_12: <Symbol tier="12"><Flame /></Symbol>,
  streak_26: <Symbol tier="26"><Flame /></Symbol>,
  streak_52: <Symbol tier="52"><Flame /></Symbol>,
  volume_10t: <Symbol tier="10t"><Kettlebell /></Symbol>,
  volume_100t: <Symbol tier="100t"><Kettlebell /></Symbol>,
  volume_1000t: <Symbol tier="1000t"><Kettlebell /></Symbol>,
  first_record: <Trophy />,
  records_10: <Symbol tier="10"><Trophy /></Symbol>,
  records_100: <Symbol tier="100"><Trophy /></Symbol>,
  early_bird: <Sunrise />,
  night_owl: <Moon />,
  plan_completed: <Checklist />,
  challenge_finisher: <Flag />,
  challenge_winner: <Medal />,
};

/** The drawing of a badge; a plain medal for a badge this app does not know yet. */
export default function BadgeIconDrawing({ id }: { id: string }) {
  return (
    <svg
      viewBox="0 0 48 48"
      width="48"
      height="48"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="badge-icon"
      data-badge={id}
    >
      <circle cx="24" cy="24" r="22" className="bi-medal" />
      {DRAWINGS[id] ?? <Medal />}
    </svg>
  );
}

/** Badge ids with a drawing of their own. */
export const DRAWN_BADGES = Object.keys(DRAWINGS);
