import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** List ↔ calendar switch at the top of the history. */
export function HistoryTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('history.views')}>
      <NavLink to="/workouts" end className="tab">
        {t('history.list')}
      </NavLink>
      <NavLink to="/workouts/calendar" className="tab">
        {t('history.calendar')}
      </NavLink>
    </nav>
  );
}
