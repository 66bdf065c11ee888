import { useQuery } from '@tanstack/react-query';
import { getCoachMembers, getMyCoaching, type MyCoachingItem } from './coaching';

/** Query keys of coaching; everything under `all`, so one invalidation refreshes both sides. */
export const coachingKeys = {
  all: ['coaching'] as const,
  mine: ['coaching', 'me'] as const,
  members: ['coaching', 'members'] as const,
};

/**
 * The caller's coaching, both sides. Also read by the navigation for its "request waiting"
 * badge, so it refreshes when the app comes back to the foreground.
 */
export const useMyCoaching = (enabled = true) =>
  useQuery({ queryKey: coachingKeys.mine, queryFn: getMyCoaching, enabled, refetchOnWindowFocus: true });

/** Coaching requests waiting for the caller's answer (none while unknown). */
export function useWaitingRequests(enabled = true): MyCoachingItem[] {
  const { data } = useMyCoaching(enabled);
  return data?.as_member.filter((i) => i.status === 'pending') ?? [];
}

/**
 * The members the caller coaches (active relationships), each with their assignments whose plan
 * the caller may read, newest first. Also read before assigning a plan, to warn about one the
 * member has not finished; so assigning, ending an assignment and changing a plan refresh it.
 */
export const coachMembersQuery = { queryKey: coachingKeys.members, queryFn: getCoachMembers };

export const useCoachMembers = (enabled = true) => useQuery({ ...coachMembersQuery, enabled });
