import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../api/queries';

const KEY = 'gymbox.offline-boot';

/**
 * Lets a signed-in person reopen the app with no connection (in the gym): the last known
 * account and instance facts are remembered on this device, and used only while offline, so
 * the workout logger can start from IndexedDB. Signing out forgets them.
 */
export function withOfflineBoot(client: QueryClient, storage: Storage | undefined = safeStorage()): QueryClient {
  if (!storage) return client;
  if (globalThis.navigator?.onLine === false) {
    try {
      const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as { me: unknown; instance: unknown } | null;
      if (saved?.me && saved.instance) {
        client.setQueryData(keys.instance, saved.instance);
        client.setQueryData(keys.me, saved.me);
      }
    } catch {
      // ignore a damaged copy
    }
  }
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const key = event.query.queryKey[0];
    if (key !== keys.me[0] && key !== keys.instance[0]) return;
    if (event.query.queryKey.length !== 1) return;
    const me = client.getQueryData(keys.me);
    const instance = client.getQueryData(keys.instance);
    try {
      if (me && instance) storage.setItem(KEY, JSON.stringify({ me, instance }));
      else if (key === keys.me[0] && !me) storage.removeItem(KEY);
    } catch {
      // storage full: offline start is only a convenience
    }
  });
  return client;
}

function safeStorage() {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
