import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';
import { keys } from '../api/queries';

/** The session ended (expired, revoked, password changed elsewhere): show sign-in. */
const SIGNED_OUT = new Set(['unauthorized', 'session_expired']);

export function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e) => forgetSession(e) }),
    mutationCache: new MutationCache({ onError: (e) => forgetSession(e) }),
    defaultOptions: {
      queries: {
        // Fail fast when offline so screens can say so instead of spinning.
        networkMode: 'always',
        retry: (count, error) => error instanceof ApiProblem && error.status === 0 && count < 1,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
  function forgetSession(error: unknown) {
    if (error instanceof ApiProblem && error.status === 401 && SIGNED_OUT.has(error.type)) {
      client.setQueryData(keys.me, null);
    }
  }
  return client;
}
