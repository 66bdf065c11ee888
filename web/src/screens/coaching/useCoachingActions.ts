import { useMutation, useQueryClient } from '@tanstack/react-query';
import { analysisKeys } from '../../api/analysisQueries';
import { acceptCoaching, declineCoaching, endCoaching, type MyCoachingItem } from '../../api/coaching';
import { coachingKeys } from '../../api/coachingQueries';
import { isProblem } from '../../api/problem';
import { keys } from '../../api/queries';

/** Gone already (ended by the other side, lapsed): the wanted outcome, nothing to report. */
const goneIsDone = (e: unknown) => {
  if (isProblem(e) && e.status === 404) return undefined;
  throw e;
};

/**
 * What changes when coaching starts or ends: both sides' lists, and what the coach may see of
 * the member (profile, stats, workouts) and assign them.
 */
function useRefresh() {
  const client = useQueryClient();
  return (username: string) => {
    void client.invalidateQueries({ queryKey: coachingKeys.all });
    void client.invalidateQueries({ queryKey: keys.user(username) });
    void client.invalidateQueries({ queryKey: analysisKeys.userStats(username) });
  };
}

/** The member accepts a request. */
export function useAccept() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (r: MyCoachingItem) => acceptCoaching(r.id), onSuccess: (_, r) => refresh(r.username) });
}

/** The member declines a request (one withdrawn meanwhile counts as declined). */
export function useDecline() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (r: MyCoachingItem) => declineCoaching(r.id).catch(goneIsDone), onSuccess: (_, r) => refresh(r.username) });
}

/** Either side ends a relationship or the coach withdraws a request; already gone is fine. */
export function useEnd() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (r: { id: string; username: string }) => endCoaching(r.id).catch(goneIsDone),
    onSuccess: (_, r) => refresh(r.username),
  });
}
