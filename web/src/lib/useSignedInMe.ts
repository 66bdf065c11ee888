import { useMe } from '../api/queries';
import type { Me } from '../api/types';

/** The signed-in user on screens behind RequireSignIn (which guarantees it is loaded). */
export function useSignedInMe(): { me: Me; etag: string | null } {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe used outside RequireSignIn');
  return data;
}

export const isAdmin = (me: Pick<Me, 'role'>) => me.role === 'owner' || me.role === 'admin';

/** Coach rights: coaches, and administrators and the owner acting as coaches. */
export const isCoach = (role: string) => role === 'coach' || role === 'admin' || role === 'owner';
