import { useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { notificationKeys } from './notificationsQueries';
import { keys, useCursorList } from './queries';
import {
  acceptFollowRequest,
  block,
  declineFollowRequest,
  follow,
  getFeed,
  getKudos,
  getRelationship,
  giveKudos,
  listBlocks,
  listComments,
  listFollowers,
  listFollowing,
  listFollowRequests,
  removeFollower,
  takeKudos,
  unblock,
  unfollow,
  type CommentSubject,
  type FeedPage,
  type FeedScope,
  type FollowRequest,
  type Kudos,
} from './social';

/** Query keys of people, the feed, kudos and comments. */
export const socialKeys = {
  all: ['social'] as const,
  relationship: (username: string) => ['social', 'relationship', username.toLowerCase()] as const,
  people: (username: string, list: 'followers' | 'following') => ['social', 'people', username.toLowerCase(), list] as const,
  followRequests: ['social', 'follow-requests'] as const,
  blocks: ['social', 'blocks'] as const,
  feeds: ['social', 'feed'] as const,
  feed: (scope: FeedScope) => ['social', 'feed', scope] as const,
  kudos: (workoutId: string) => ['social', 'kudos', workoutId] as const,
  comments: (s: CommentSubject) => ['social', 'comments', s.kind, s.id] as const,
};

export const useRelationship = (username: string, enabled = true) =>
  useQuery({
    queryKey: socialKeys.relationship(username),
    queryFn: () => getRelationship(username),
    enabled,
    retry: false,
    // Several parts of a profile read it; a 404 (a profile one may not see) is not asked again by each.
    retryOnMount: false,
  });

export const usePeople = (username: string, list: 'followers' | 'following') =>
  useCursorList(socialKeys.people(username, list), (cursor) => (list === 'followers' ? listFollowers(username, cursor) : listFollowing(username, cursor)));

export const useFollowRequests = () => useCursorList(socialKeys.followRequests, listFollowRequests);

export const useBlocks = () => useQuery({ queryKey: socialKeys.blocks, queryFn: listBlocks });

export const useFeed = (scope: FeedScope) => useCursorList(socialKeys.feed(scope), (cursor) => getFeed(scope, cursor));

export const useKudos = (workoutId: string, enabled = true) =>
  useQuery({ queryKey: socialKeys.kudos(workoutId), queryFn: () => getKudos(workoutId), enabled, retry: false });

export const useComments = (subject: CommentSubject) => useCursorList(socialKeys.comments(subject), (cursor) => listComments(subject, cursor));

/** Puts a workout's counts from the server everywhere they show: its page and feed cards. */
export function applyKudos(client: QueryClient, workoutId: string, k: Kudos) {
  client.setQueryData(socialKeys.kudos(workoutId), k);
  client.setQueriesData<InfiniteData<FeedPage>>({ queryKey: socialKeys.feeds }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            items: p.items.map((i) => (i.workout?.id === workoutId ? { ...i, kudos: k.kudos, comments: k.comments, kudoed: k.kudoed } : i)),
          })),
        }
      : data,
  );
}

/** Gives (`true`) or takes back (`false`) kudos; the answer's counts replace what was shown. */
export function useKudosToggle(workoutId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (give: boolean) => (give ? giveKudos(workoutId) : takeKudos(workoutId)),
    onSuccess: (k) => applyKudos(client, workoutId, k),
  });
}

/** A comment was added, edited or deleted: its list, the counts and the feed change. */
export function useCommentsChanged(subject: CommentSubject) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: socialKeys.comments(subject) });
    if (subject.kind === 'workout') void client.invalidateQueries({ queryKey: socialKeys.kudos(subject.id) });
    void client.invalidateQueries({ queryKey: socialKeys.feeds });
  };
}

/**
 * What changes when a follow or block between the caller and `username` changes: both profiles'
 * counts and lists, the profile itself (what it shows depends on following), the feed and
 * the follow requests.
 */
function useRefreshPeople() {
  const client = useQueryClient();
  return (username: string) => {
    void client.invalidateQueries({ queryKey: socialKeys.all });
    void client.invalidateQueries({ queryKey: keys.user(username) });
    void client.invalidateQueries({ queryKey: notificationKeys.all });
  };
}

export function useFollow() {
  const refresh = useRefreshPeople();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => follow(username),
    onSuccess: (r, username) => {
      client.setQueryData(socialKeys.relationship(username), (old: Awaited<ReturnType<typeof getRelationship>> | undefined) =>
        old ? { ...old, following: r.state } : old,
      );
      refresh(username);
    },
  });
}

/** Unfollows or withdraws a request; already gone is fine. */
export function useUnfollow() {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (username: string) => unfollow(username), onSuccess: (_, username) => refresh(username) });
}

export function useRemoveFollower() {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (username: string) => removeFollower(username), onSuccess: (_, username) => refresh(username) });
}

export function useBlock() {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (username: string) => block(username), onSuccess: (_, username) => refresh(username) });
}

export function useUnblock() {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (username: string) => unblock(username), onSuccess: (_, username) => refresh(username) });
}

export function useAnswerFollowRequest() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: ({ request, accept }: { request: FollowRequest; accept: boolean }) =>
      accept ? acceptFollowRequest(request.id) : declineFollowRequest(request.id),
    onSuccess: (_, { request }) => refresh(request.user.username),
  });
}
