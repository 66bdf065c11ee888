import { keepPreviousData, useInfiniteQuery, useQuery, type QueryKey } from '@tanstack/react-query';
import { getInstance } from './auth';
import { getMe } from './me';
import type { Page } from './types';

export const keys = {
  instance: ['instance'] as const,
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  user: (username: string) => ['users', username.toLowerCase()] as const,
  adminUsers: (q: string) => ['admin', 'users', q] as const,
  adminInvites: ['admin', 'invites'] as const,
  adminSettings: ['admin', 'settings'] as const,
};

export const useInstance = () => useQuery({ queryKey: keys.instance, queryFn: getInstance });

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: getMe });

/** A cursor-paginated list (`{items, next_cursor}`), flattened, with "load more". */
export function useCursorList<T>(queryKey: QueryKey, fetchPage: (cursor?: string) => Promise<Page<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}
