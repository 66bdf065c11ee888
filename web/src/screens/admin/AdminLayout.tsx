import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

const TABS = ['users', 'invites', 'coaching', 'registration', 'reports', 'audit'] as const;

/** Administration: people, invites, coaching pairs, who may register, reports and the audit log. */
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
