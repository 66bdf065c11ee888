import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { Button } from '../../components/Button';
import { useSignOut } from '../../lib/useSignOut';

const SECTIONS = ['preferences', 'privacy', 'blocked', 'password', 'security', 'sessions', 'tokens', 'import'] as const;
const WIDE = '(min-width: 900px)';

function useWide() {
  const [wide, setWide] = useState(() => window.matchMedia?.(WIDE).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(WIDE);
    if (!media) return;
    const update = () => setWide(media.matches);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return wide;
}

/** Settings menu; on phones the menu and a section take turns, on wide screens they sit side by side. */
export default function SettingsLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const wide = useWide();
  const signOut = useSignOut();
  const atMenu = /^\/settings\/?$/.test(location.pathname);
  if (atMenu && wide) return <Navigate to="/settings/preferences" replace />;
  return (
    <section className={`screen settings ${atMenu ? 'settings-at-menu' : 'settings-at-section'}`}>
      <h1 className="settings-title">{t('settings.title')}</h1>
      <div className="settings-columns">
        <nav className="settings-menu" aria-label={t('settings.title')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                <NavLink to={`/settings/${s}`}>
                  <span className="settings-menu-title">{t(`settings.${s}.title`)}</span>
                  <span className="settings-menu-body">{t(`settings.${s}.summary`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
          <Button variant="danger" className="btn-block" busy={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('nav.signOut')}
          </Button>
        </nav>
        <div className="settings-section">
          <Link to="/settings" className="back-link">
            ← {t('settings.title')}
          </Link>
          <Outlet />
        </div>
      </div>
    </section>
  );
}
