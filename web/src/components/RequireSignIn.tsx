import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/queries';
import { isAdmin } from '../lib/useSignedInMe';
import { LoadError } from './Alert';
import { Loading } from './Spinner';

/** Screens for signed-in people; others go to sign-in and come back afterwards. */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Admin screens; everyone else is sent home. */
export function RequireAdmin() {
  const { data } = useMe();
  if (!data || !isAdmin(data.me)) return <Navigate to="/" replace />;
  return <Outlet />;
}
