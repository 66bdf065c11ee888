import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

type Schemas = components['schemas'];
export type Notification = Schemas['NotificationDto'];
export type NotificationKind = Schemas['NotificationKindDto'];
export type NotificationList = Schemas['NotificationList'];

/** The caller's notifications, newest first, with the unread count. */
export const listNotifications = (cursor?: string) => unwrap(api.GET('/api/v1/notifications', { params: { query: { cursor, limit: 30 } } }));
/** How many are unread: the badge in the header. */
export const getUnread = () => unwrap(api.GET('/api/v1/notifications/unread'));
/** Marks `upTo` and every older notification read (all when left out); answers the unread count. */
export const markRead = (upTo?: string) => unwrap(api.POST('/api/v1/notifications/read', { body: upTo ? { up_to: upTo } : {} }));
