import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useInstance, useMe } from '../api/queries';
import { isAdmin } from '../lib/useSignedInMe';
import { useSignOut } from '../lib/useSignOut';
import { Avatar } from './Avatar';
import { Button } from './Button';
import { AdminIcon, HomeIcon, LogoMark, ProfileIcon, SettingsIcon } from './icons';
import { LanguageSwitcher } from './LanguageSwitcher';
import { ScreenBoundary } from './ScreenBoundary';
import { SearchBox } from './SearchBox';
import { BodyIcon, ExercisesIcon, PlansIcon } from './SearchBoxIcons';
import { WorkoutsIcon } from '../screens/workouts/icons';
import { SyncStatus } from '../screens/workouts/SyncStatus';

function NavItem({ to, icon, label, end }: { to: string; icon: ReactNode; label: string; end?: boolean }) {
  return (
    <NavLink to={to} end={end} className="nav-item">
      {icon}
      <span>{label}</span>
    </NavLink>
  );
}

/** The signed-in frame: top bar, bottom tabs on phones, a sidebar on wide screens. */
export function AppShell() {
  const { t } = useTranslation();
  const { data: instance } = useInstance();
  const { data } = useMe();
  const signOut = useSignOut();
  const me = data?.me;
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <LogoMark />
          <span>{instance?.name || t('app.name')}</span>
        </Link>
        {me && <SearchBox />}
        <SyncStatus />
        {me && (
          <Link to="/profile" className="topbar-avatar">
            <Avatar name={me.display_name || me.username} url={me.avatar_url} size={36} />
            <span className="visually-hidden">{t('nav.profile')}</span>
          </Link>
        )}
      </header>
      <nav className="mainnav cat-nav-many" aria-label={t('nav.label')}>
        <NavItem to="/" end icon={<HomeIcon />} label={t('nav.home')} />
        <NavItem to="/workouts" icon={<WorkoutsIcon />} label={t('history.nav')} />
        <NavItem to="/plans" icon={<PlansIcon />} label={t('plans.title')} />
        <NavItem to="/exercises" icon={<ExercisesIcon />} label={t('exercises.title')} />
        <NavItem to="/body" icon={<BodyIcon />} label={t('body.title')} />
        <NavItem to="/profile" icon={<ProfileIcon />} label={t('nav.profile')} />
        <NavItem to="/settings" icon={<SettingsIcon />} label={t('nav.settings')} />
        {me && isAdmin(me) && <NavItem to="/admin" icon={<AdminIcon />} label={t('nav.admin')} />}
        <div className="nav-footer">
          <Button variant="ghost" busy={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('nav.signOut')}
          </Button>
        </div>
      </nav>
      <main id="main" className="content">
        <ScreenBoundary>
          <Outlet />
        </ScreenBoundary>
      </main>
    </div>
  );
}

/** Frame for pages anyone may open (public profiles) when nobody is signed in. */
export function PublicShell() {
  const { t } = useTranslation();
  const { data: instance } = useInstance();
  return (
    <div className="app-shell public-shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <LogoMark />
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

/** Uses the full shell for signed-in people and the public frame for everyone else. */
export function MaybeSignedInShell() {
  const { data, isPending } = useMe();
  if (isPending) return null;
  return data ? <AppShell /> : <PublicShell />;
}
