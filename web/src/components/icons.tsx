/** The app's line icons; decorative, a text label always carries the meaning. */
const common = {
  width: 24,
  height: 24,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

export const HomeIcon = () => (
  <svg {...common}>
    <path d="M3 11l9-7 9 7" />
    <path d="M5 10v10h14V10" />
  </svg>
);

export const ProfileIcon = () => (
  <svg {...common}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" />
  </svg>
);

export const SettingsIcon = () => (
  <svg {...common}>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </svg>
);

export const ClubsIcon = () => (
  <svg {...common}>
    <circle cx="9" cy="8" r="3" />
    <circle cx="17" cy="9" r="2.5" />
    <path d="M3 20c.8-3.5 3.2-5.5 6-5.5s5.2 2 6 5.5" />
    <path d="M15.5 14.6c2.6-.5 4.8 1.2 5.5 4.4" />
  </svg>
);

export const AdminIcon = () => (
  <svg {...common}>
    <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
    <path d="M9 12l2 2 4-4" />
  </svg>
);

export const ProgressIcon = () => (
  <svg {...common}>
    <path d="M4 20h16" />
    <path d="M4 16l5-5 4 3 7-8" />
    <path d="M15 6h5v5" />
  </svg>
);

export const MoreIcon = () => (
  <svg {...common}>
    <circle cx="5" cy="12" r="1.5" />
    <circle cx="12" cy="12" r="1.5" />
    <circle cx="19" cy="12" r="1.5" />
  </svg>
);

export const CloseIcon = () => (
  <svg {...common}>
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);

export const MembersIcon = () => (
  <svg {...common}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c1-3.6 3.5-5.5 6.5-5.5s5.5 1.9 6.5 5.5" />
    <path d="M16 4.8a3.5 3.5 0 0 1 0 6.4" />
    <path d="M18 14.8c1.7.7 2.9 2.4 3.5 5.2" />
  </svg>
);

export const CoachingIcon = () => (
  <svg {...common}>
    <rect x="5" y="4" width="14" height="17" rx="2" />
    <path d="M9 4V3h6v1" />
    <path d="M9 12l2 2 4-4" />
  </svg>
);

export const LogoMark = ({ size = 28 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 512 512" aria-hidden="true">
    <rect width="512" height="512" rx="112" fill="var(--accent)" />
    <g fill="#fff">
      <rect x="160" y="238" width="192" height="36" rx="6" />
      <rect x="120" y="150" width="52" height="212" rx="16" />
      <rect x="80" y="196" width="44" height="120" rx="14" />
      <rect x="340" y="150" width="52" height="212" rx="16" />
      <rect x="388" y="196" width="44" height="120" rx="14" />
    </g>
  </svg>
);

/** The gym's own logo when it has one (the name beside it says what it is), else Gymbox's mark. */
export const BrandMark = ({ url, size = 28 }: { url?: string | null; size?: number }) =>
  url ? <img className="brand-logo" src={url} alt="" width={size} height={size} /> : <LogoMark size={size} />;

export const SearchIcon = () => (
  <svg {...common}>
    <circle cx="11" cy="11" r="7" />
    <path d="M20 20l-4-4" />
  </svg>
);

export const PlansIcon = () => (
  <svg {...common}>
    <rect x="4" y="4" width="16" height="17" rx="2" />
    <path d="M9 2v4M15 2v4M8 11h8M8 15h5" />
  </svg>
);

export const ExercisesIcon = () => (
  <svg {...common}>
    <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z" />
    <path d="M4 21V5M8 8h7M8 12h5" />
  </svg>
);

export const BodyIcon = () => (
  <svg {...common}>
    <rect x="3" y="4" width="18" height="16" rx="3" />
    <path d="M8 9a5 5 0 0 1 8 0l-3 3" />
  </svg>
);

export const WorkoutsIcon = () => (
  <svg {...common}>
    <path d="M6.5 6.5v11M17.5 6.5v11M3 9.5v5M21 9.5v5M6.5 12h11" />
  </svg>
);

export const CheckIcon = () => (
  <svg {...common} strokeWidth={3}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </svg>
);

export const PlusIcon = () => (
  <svg {...common}>
    <path d="M12 5v14M5 12h14" />
  </svg>
);

export const MinusIcon = () => (
  <svg {...common}>
    <path d="M5 12h14" />
  </svg>
);

export const TrophyIcon = () => (
  <svg {...common}>
    <path d="M8 4h8v5a4 4 0 0 1-8 0z" />
    <path d="M8 6H5a3 3 0 0 0 3 4M16 6h3a3 3 0 0 1-3 4M12 13v4M8 20h8" />
  </svg>
);

export const CloudOffIcon = () => (
  <svg {...common}>
    <path d="M3 3l18 18" />
    <path d="M9 6.3A6 6 0 0 1 17.7 10 4 4 0 0 1 20 17M17 18H7a4 4 0 0 1-1.6-7.7" />
  </svg>
);

export const SyncIcon = () => (
  <svg {...common}>
    <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 13a8 8 0 0 0 14.3 4.9L20 16" />
    <path d="M4 4v4h4M20 20v-4h-4" />
  </svg>
);

export const FeedIcon = () => (
  <svg {...common}>
    <rect x="4" y="4" width="16" height="7" rx="2" />
    <rect x="4" y="13" width="16" height="7" rx="2" />
  </svg>
);

export const BellIcon = () => (
  <svg {...common}>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z" />
    <path d="M10 20a2 2 0 0 0 4 0" />
  </svg>
);

export const KudosIcon = () => (
  <svg {...common}>
    <path d="M7 11v9H4v-9z" />
    <path d="M7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7" />
  </svg>
);

export const CommentIcon = () => (
  <svg {...common}>
    <path d="M4 5h16v11H9l-5 4z" />
  </svg>
);

export const LeaderboardIcon = () => (
  <svg {...common}>
    <path d="M3 20h18" />
    <path d="M9 20V9h6v11" />
    <path d="M4 20v-6h5M15 20v-8h5v8" />
  </svg>
);

export const ChallengesIcon = () => (
  <svg {...common}>
    <path d="M5 21V4" />
    <path d="M5 4h12l-3 4 3 4H5" />
  </svg>
);
