import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useInstance, useMe } from '../api/queries';
import { isLanguage, setLanguage, storedLanguage } from '../i18n';
import { LoadError } from './Alert';
import { LogoMark } from './icons';
import { Loading } from './Spinner';

function BareShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="bare-shell">
      <header className="topbar">
        <span className="brand">
          <LogoMark />
          <span>{t('app.name')}</span>
        </span>
      </header>
      <main id="main" className="content narrow">
        {children}
      </main>
    </div>
  );
}

/**
 * Follows the signed-in user's language preference; before sign-in, the gym's default language
 * unless one was chosen on this device.
 */
function useProfileLanguage(gymLanguage: string | undefined) {
  const { i18n } = useTranslation();
  const { data } = useMe();
  const lang = data?.me.preferences.language;
  const signedOut = data === null;
  useEffect(() => {
    if (isLanguage(lang)) setLanguage(lang);
    else if (signedOut && isLanguage(gymLanguage) && !storedLanguage()) void i18n.changeLanguage(gymLanguage);
  }, [lang, signedOut, gymLanguage, i18n]);
}

/** Loads the instance facts every screen depends on and sends a fresh server to setup. */
export function InstanceGate() {
  const instance = useInstance();
  const location = useLocation();
  useProfileLanguage(instance.data?.default_language);
  if (instance.isPending) {
    return (
      <BareShell>
        <Loading />
      </BareShell>
    );
  }
  if (instance.isError) {
    return (
      <BareShell>
        <LoadError error={instance.error} onRetry={() => void instance.refetch()} />
      </BareShell>
    );
  }
  if (instance.data.needs_setup && location.pathname !== '/setup') {
    return <Navigate to="/setup" replace />;
  }
  return <Outlet />;
}
