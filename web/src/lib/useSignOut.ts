import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { keys } from '../api/queries';

/** Ends the session; whatever the server says, local account data is dropped. */
export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const forget = () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.instance[0] });
    client.setQueryData(keys.me, null);
    navigate('/login', { replace: true });
  };
  return useMutation({ mutationFn: logout, onSettled: forget });
}
