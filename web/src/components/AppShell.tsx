import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useInstance, useMe } from '../api/queries';
import { useWaitingRequests } from '../api/coachingQueries';
import { isAdmin, isCoach } from '../lib/useSignedInMe';
import { useSignOut } from '../lib/useSignOut';
import { LoadError } from './Alert';
import { Avatar } from './Avatar';
import { Button } from './Button';
import {
  AdminIcon,
  BodyIcon,
  ChallengesIcon,
  BrandMark,
  ClubsIcon,
  CloseIcon,
  CoachingIcon,
  CommentIcon,
  ExercisesIcon,
  FeedIcon,
  HomeIcon,
  LeaderboardIcon,
  MembersIcon,
  MoreIcon,
  PlansIcon,
  ProfileIcon,
  ProgressIcon,
  SettingsIcon,
  WorkoutsIcon,
} from './icons';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NotificationBell } from './NotificationBell';
import { ScreenBoundary } from './ScreenBoundary';
import { SearchBox } from './SearchBox';
import { SyncFailures, SyncStatus } from '../screens/workouts/SyncStatus';

/** Its own chunk: the first visit's JavaScript stays within its budget. */
const WorkoutInProgressBar = lazy(() => import('../screens/workouts/WorkoutInProgressBar'));

interface Destination {
  to: string;
  icon: ReactNode;
  label: string;
  /** Things waiting there for the user (coaching requests), shown as a count. */
  count?: number;
  /** What the count means, for screen readers. */
  countLabel?: string;
  /** Passed to the destination (feedback learns the screen it was opened from). */
  state?: unknown;
}

/** The count beside a destination; its meaning is read out, the number alone is shown. */
function NavCount({ count, label }: { count?: number; label?: string }) {
  if (!count) return null;
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">({label})</span>
    </>
  );
}

function NavItem({ to, icon, label, end, className, count, countLabel, state }: Destination & { end?: boolean; className?: string }) {
  return (
    <NavLink to={to} end={end} state={state} className={`nav-item${className ? ` ${className}` : ''}`}>
      {icon}
      <span>{label}</span>
      <NavCount count={count} label={countLabel} />
    </NavLink>
  );
}

const underPath = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/**
 * The phone bar's last tab: a bottom sheet with the destinations that do not fit (clubs,
 * challenges, leaderboards, exercises, progress, body, profile, settings, admin) and signing out. A modal <dialog> keeps focus inside and closes
 * on Escape, on the backdrop, on the close button and after choosing a destination.
 */
function MoreMenu({ items, onSignOut, signingOut }: { items: Destination[]; onSignOut: () => void; signingOut: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const active = items.some((item) => underPath(pathname, item.to));
  const waiting = items.reduce((n, item) => n + (item.count ?? 0), 0);
  const waitingLabel = items.find((item) => item.count)?.countLabel;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  // Any navigation (a link in the sheet, the back button) closes it.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button
        type="button"
        className={`nav-item nav-more${active ? ' active' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="more-menu"
        aria-describedby={waiting > 0 ? 'more-waiting' : undefined}
        onClick={() => setOpen(true)}
      >
        <span className="nav-more-icon">
          <MoreIcon />
          {waiting > 0 && (
            <span className="nav-count" aria-hidden="true">
              {waiting}
            </span>
          )}
        </span>
        <span>{t('nav.more')}</span>
      </button>
      {waiting > 0 && (
        <span id="more-waiting" className="visually-hidden">
          {waitingLabel}
        </span>
      )}
      <dialog
        ref={ref}
        id="more-menu"
        className="dialog sheet"
        aria-labelledby="more-menu-title"
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        onClick={(e) => {
          // A click on the backdrop lands on the dialog element itself.
          if (e.target === e.currentTarget) setOpen(false);
        }}
      >
        {open && (
          <div className="sheet-body">
            <div className="sheet-head">
              <h2 id="more-menu-title">{t('nav.more')}</h2>
              <button type="button" className="icon-btn" onClick={() => setOpen(false)} aria-label={t('nav.closeMenu')}>
                <CloseIcon />
              </button>
            </div>
            <ul className="sheet-list">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} state={item.state} className="sheet-item" onClick={() => setOpen(false)}>
                    {item.icon}
                    <span>{item.label}</span>
                    <NavCount count={item.count} label={item.countLabel} />
                  </NavLink>
                </li>
              ))}
            </ul>
            <Button variant="ghost" className="sheet-signout" busy={signingOut} onClick={onSignOut}>
              {t('nav.signOut')}
            </Button>
          </div>
        )}
      </dialog>
    </>
  );
}

/**
 * The signed-in frame: top bar, bottom tabs on phones, a sidebar on wide screens. Phones show
 * four destinations and "More"; the rest live in its sheet (and in the sidebar on wide screens).
 */
export function AppShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const instance = useInstance().data;
  const { data } = useMe();
  const signOut = useSignOut();
  const me = data?.me;
  const waiting = useWaitingRequests(Boolean(me)).length;
  const secondary: Destination[] = [
    { to: '/clubs', icon: <ClubsIcon />, label: t('nav.clubs') },
    { to: '/challenges', icon: <ChallengesIcon />, label: t('nav.challenges') },
    { to: '/leaderboards', icon: <LeaderboardIcon />, label: t('nav.leaderboards') },
    { to: '/exercises', icon: <ExercisesIcon />, label: t('exercises.title') },
    { to: '/progress', icon: <ProgressIcon />, label: t('progress.title') },
    { to: '/body', icon: <BodyIcon />, label: t('body.title') },
    ...(me && isCoach(me.role) ? [{ to: '/members', icon: <MembersIcon />, label: t('nav.members') }] : []),
    { to: '/coaching', icon: <CoachingIcon />, label: t('nav.coaching'), count: waiting, countLabel: t('coaching.waiting', { count: waiting }) },
    { to: '/profile', icon: <ProfileIcon />, label: t('nav.profile') },
    { to: '/settings', icon: <SettingsIcon />, label: t('nav.settings') },
    { to: '/feedback', icon: <CommentIcon />, label: t('nav.feedback'), state: { from: pathname } },
    ...(me && isAdmin(me) ? [{ to: '/admin', icon: <AdminIcon />, label: t('nav.admin') }] : []),
  ];
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <BrandMark url={instance?.logo_url} />
          <span>{instance?.name || t('app.name')}</span>
        </Link>
        {me && <SearchBox />}
        <SyncStatus />
        {me && <NotificationBell />}
        {me && (
          <Link to="/profile" className="topbar-avatar">
            <Avatar name={me.display_name || me.username} url={me.avatar_url} size={36} />
            <span className="visually-hidden">{t('nav.profile')}</span>
          </Link>
        )}
      </header>
      <nav className="mainnav" aria-label={t('nav.label')}>
        <NavItem to="/" end icon={<HomeIcon />} label={t('nav.home')} />
        <NavItem to="/feed" icon={<FeedIcon />} label={t('nav.feed')} />
        <NavItem to="/workouts" icon={<WorkoutsIcon />} label={t('history.nav')} />
        <NavItem to="/plans" icon={<PlansIcon />} label={t('plans.title')} />
        {secondary.map((item) => (
          <NavItem key={item.to} className="nav-secondary" {...item} />
        ))}
        <MoreMenu items={secondary} onSignOut={() => signOut.mutate()} signingOut={signOut.isPending} />
        <div className="nav-footer">
          <Button variant="ghost" busy={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('nav.signOut')}
          </Button>
        </div>
      </nav>
      <main id="main" className="content">
        <SyncFailures />
        <ScreenBoundary>
          <Outlet />
        </ScreenBoundary>
      </main>
      {me && (
        <Suspense fallback={null}>
          <WorkoutInProgressBar owner={me.id} />
        </Suspense>
      )}
    </div>
  );
}

/** Frame for pages anyone may open (public profiles) when nobody is signed in. */
export function PublicShell() {
  const { t } = useTranslation();
  const instance = useInstance().data;
  return (
    <div className="app-shell public-shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <BrandMark url={instance?.logo_url} />
          <span>{instance?.name || t('app.name')}</span>
        </Link>
        <Link to="/login" className="btn btn-secondary btn-small">
          {t('login.submit')}
        </Link>
      </header>
      <main id="main" className="content narrow">
        <ScreenBoundary>
          <Outlet />
        </ScreenBoundary>
        <footer className="auth-footer">
          <LanguageSwitcher />
        </footer>
      </main>
    </div>
  );
}

/**
 * Uses the full shell for signed-in people and the public frame for everyone else. When it
 * cannot tell (the server unreachable and nothing cached), it says so and offers a retry
 * rather than treating a signed-in member as a visitor.
 */
export function MaybeSignedInShell() {
  const me = useMe();
  if (me.isPending) return null;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  return me.data ? <AppShell /> : <PublicShell />;
}
