import { Link, Outlet } from 'react-router';
import { useInstance } from '../api/queries';
import { LanguageSwitcher } from './LanguageSwitcher';
import { BrandMark } from './icons';
import { ScreenBoundary } from './ScreenBoundary';

/** Centered card for signing in, registering and first-run setup. */
export function AuthLayout() {
  const data = useInstance().data;
  return (
    <div className="auth-layout">
      <header className="auth-brand">
        <Link to="/" className="brand">
          <BrandMark url={data?.logo_url} size={40} />
          <span>{data?.name || 'Gymbox'}</span>
        </Link>
      </header>
      <main id="main" className="auth-card">
        <ScreenBoundary>
          <Outlet />
        </ScreenBoundary>
      </main>
      <footer className="auth-footer">
        <LanguageSwitcher />
      </footer>
    </div>
  );
}
