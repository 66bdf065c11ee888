/** Line icons for search and the catalogue's navigation items; decorative, labels carry the meaning. */
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
