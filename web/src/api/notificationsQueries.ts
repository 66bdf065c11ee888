import { useQuery } from '@tanstack/react-query';
import { getUnread } from './notifications';

/** Query keys of notifications; everything under `all`. */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
  unread: ['notifications', 'unread'] as const,
};

/** How often the header asks for the unread count while the app is in front. */
export const UNREAD_POLL_MS = 60_000;

/**
 * The unread count for the header's badge: asked every minute while the page is visible and
 * when the app comes back to the foreground; not at all when `enabled` is false (signed out).
 */
export const useUnreadCount = (enabled: boolean) =>
  useQuery({
    queryKey: notificationKeys.unread,
    queryFn: getUnread,
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 0,
    select: (d) => d.unread,
  });
