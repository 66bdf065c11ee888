import { keepPreviousData, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import {
  confirmSet,
  createChallenge,
  getChallenge,
  getLeaderboard,
  getMyAchievements,
  getStandings,
  getUserAchievements,
  joinChallenge,
  leaveChallenge,
  listChallenges,
  setShowOnLeaderboards,
  updateChallenge,
  voidSet,
  type Achievements,
  type BoardQuery,
  type Challenge,
  type ChallengeCreate,
  type ChallengePatch,
  type ChallengeTab,
} from './gamification';
import { useCursorList } from './queries';

/** Query keys of achievements, leaderboards and challenges. */
export const gamificationKeys = {
  all: ['gamification'] as const,
  mine: ['gamification', 'achievements', 'me'] as const,
  user: (username: string) => ['gamification', 'achievements', 'user', username.toLowerCase()] as const,
  boards: ['gamification', 'leaderboards'] as const,
  board: (q: BoardQuery) => ['gamification', 'leaderboards', q.metric, q.period, q.scope, q.exercise ?? ''] as const,
  challenges: ['gamification', 'challenges'] as const,
  challengeList: (tab: ChallengeTab) => ['gamification', 'challenges', 'list', tab] as const,
  challenge: (id: string) => ['gamification', 'challenges', 'one', id] as const,
  standings: (id: string) => ['gamification', 'challenges', 'standings', id] as const,
};

/**
 * The caller's own achievements. `fresh` asks the server again on mount even when a recent
 * answer is cached (the summary of a workout just finished looks for what it earned).
 */
export const useMyAchievements = (fresh = false) =>
  useQuery({ queryKey: gamificationKeys.mine, queryFn: getMyAchievements, refetchOnMount: fresh ? 'always' : true });

export const useUserAchievements = (username: string) =>
  useQuery({ queryKey: gamificationKeys.user(username), queryFn: () => getUserAchievements(username), retry: false });

export const useLeaderboard = (q: BoardQuery, enabled = true) =>
  useQuery({ queryKey: gamificationKeys.board(q), queryFn: () => getLeaderboard(q), enabled, placeholderData: keepPreviousData, retry: false });

/** One tab of challenges, with "show more" (the server pages by `before`). */
export const useChallenges = (tab: ChallengeTab) =>
  useCursorList(gamificationKeys.challengeList(tab), async (before) => {
    const page = await listChallenges(tab, before);
    return { items: page.items, next_cursor: page.next_before };
  });

export const useChallenge = (id: string) => useQuery({ queryKey: gamificationKeys.challenge(id), queryFn: () => getChallenge(id), retry: false });

export const useStandings = (id: string) => useQuery({ queryKey: gamificationKeys.standings(id), queryFn: () => getStandings(id), retry: false });

/** Puts a challenge as the server now describes it everywhere it shows: its page and the lists. */
function applyChallenge(client: QueryClient, c: Challenge) {
  client.setQueryData(gamificationKeys.challenge(c.id), c);
  client.setQueriesData<InfiniteData<{ items: Challenge[] }>>({ queryKey: [...gamificationKeys.challenges, 'list'] }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === c.id ? c : i)) })) } : data,
  );
}

/** Everything a change of the caller's standing may move: their achievements, boards, challenges. */
function useGamificationChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: gamificationKeys.all });
}

export function useShowOnLeaderboards() {
  const client = useQueryClient();
  const changed = useGamificationChanged();
  return useMutation({
    mutationFn: (show: boolean) => setShowOnLeaderboards(show),
    onSuccess: (a) => {
      client.setQueryData<Achievements>(gamificationKeys.mine, a);
      changed();
    },
  });
}

/** The member confirms a flagged set; it leaves the list and counts from now on. */
export function useConfirmSet() {
  const changed = useGamificationChanged();
  return useMutation({ mutationFn: ({ workoutId, setId }: { workoutId: string; setId: string }) => confirmSet(workoutId, setId), onSuccess: changed });
}

/** An administrator voids a result shown on a leaderboard. */
export function useVoidSet() {
  const changed = useGamificationChanged();
  return useMutation({ mutationFn: ({ workoutId, setId }: { workoutId: string; setId: string }) => voidSet(workoutId, setId), onSuccess: changed });
}

export function useCreateChallenge() {
  const client = useQueryClient();
  const changed = useGamificationChanged();
  return useMutation({
    mutationFn: (body: ChallengeCreate) => createChallenge(body),
    onSuccess: (c) => {
      client.setQueryData(gamificationKeys.challenge(c.id), c);
      changed();
    },
  });
}

export function useUpdateChallenge(id: string) {
  const client = useQueryClient();
  const changed = useGamificationChanged();
  return useMutation({
    mutationFn: (patch: ChallengePatch) => updateChallenge(id, patch),
    onSuccess: (c) => {
      applyChallenge(client, c);
      changed();
    },
  });
}

/** Joins or leaves; the challenge shows the caller's new place at once, lists and standings follow. */
export function useChallengeMembership(id: string) {
  const client = useQueryClient();
  const changed = useGamificationChanged();
  const join = useMutation({
    mutationFn: () => joinChallenge(id),
    onSuccess: (c) => {
      applyChallenge(client, c);
      changed();
    },
  });
  const leave = useMutation({
    mutationFn: () => leaveChallenge(id),
    onSuccess: () => {
      client.setQueryData<Challenge>(gamificationKeys.challenge(id), (c) =>
        c ? { ...c, joined: false, my_value: null, participants: Math.max(0, c.participants - 1) } : c,
      );
      changed();
    },
  });
  return { join, leave };
}
