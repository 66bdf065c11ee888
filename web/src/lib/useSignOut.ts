import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { keys } from '../api/queries';
import type { Me } from '../api/types';
import { forgetAccountWorkouts } from './workoutSync';

/**
 * Ends the session; whatever the server says, local account data is dropped — including the
 * workouts kept on this device for offline use (except changes not yet synced).
 */
export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const forget = () => {
    const me = client.getQueryData<Me | null>(keys.me);
    if (me) void forgetAccountWorkouts(me.id).catch(() => undefined);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.instance[0] });
    client.setQueryData(keys.me, null);
    navigate('/login', { replace: true });
  };
  return useMutation({ mutationFn: logout, onSettled: forget });
}
