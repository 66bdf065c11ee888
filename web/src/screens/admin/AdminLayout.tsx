import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import '../../i18n/admin';

const TABS = ['users', 'invites', 'coaching', 'settings', 'reports', 'feedback', 'usage', 'audit'] as const;

/** Administration: people, invites, coaching pairs, the gym's settings, reports, feedback, usage and the audit log. */
export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <h1>{t('admin.title')}</h1>
      <nav className="tabs" aria-label={t('admin.title')}>
        {TABS.map((tab) => (
          <NavLink key={tab} to={`/admin/${tab}`} className="tab">
            {t(`admin.${tab}.tab`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
