import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useUnreadCount } from '../api/notificationsQueries';
import { BellIcon } from './icons';

/** The header's way to the notifications, with the unread count (asked for every minute). */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data: unread = 0 } = useUnreadCount(true);
  return (
    <NavLink to="/notifications" className="topbar-bell" aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.title')}>
      <BellIcon />
      {unread > 0 && (
        <span className="nav-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
