/** Line icons for the training screens; decorative, a text label always carries the meaning. */
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

export const MoreIcon = () => (
  <svg {...common}>
    <circle cx="5" cy="12" r="1.5" />
    <circle cx="12" cy="12" r="1.5" />
    <circle cx="19" cy="12" r="1.5" />
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
