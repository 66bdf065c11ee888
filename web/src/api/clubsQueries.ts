import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  admitToClub,
  createClub,
  deleteClub,
  getClub,
  getClubFeed,
  joinClub,
  leaveClub,
  listClubPeople,
  listClubs,
  removeFromClub,
  setClubRole,
  updateClub,
  type Club,
  type ClubCreate,
  type ClubPatch,
} from './clubs';
import { useCursorList } from './queries';
import { socialKeys } from './socialQueries';

/** Query keys of clubs; a club's feed lives with the other feeds so kudos update it too. */
export const clubKeys = {
  all: ['clubs'] as const,
  list: (mine: boolean) => ['clubs', 'list', mine ? 'mine' : 'all'] as const,
  one: (id: string) => ['clubs', 'one', id] as const,
  people: (id: string, pending: boolean) => ['clubs', 'people', id, pending ? 'pending' : 'members'] as const,
  feed: (id: string) => [...socialKeys.feeds, `club:${id}`] as const,
};

export const useClubs = (mine: boolean) => useCursorList(clubKeys.list(mine), (cursor) => listClubs(mine, cursor));

export const useClub = (id: string) => useQuery({ queryKey: clubKeys.one(id), queryFn: () => getClub(id), retry: false });

/** Members and admins, or (`pending`, club admins only) requests and invitations. */
export const useClubPeople = (id: string, pending: boolean) => useCursorList(clubKeys.people(id, pending), (cursor) => listClubPeople(id, pending, cursor));

export const useClubFeed = (id: string) => useCursorList(clubKeys.feed(id), (cursor) => getClubFeed(id, cursor));

/** Everything about clubs may change after a membership change: lists, the club, its people, its feed. */
function useClubsChanged() {
  const client = useQueryClient();
  return (id?: string) => {
    void client.invalidateQueries({ queryKey: clubKeys.all });
    if (id) void client.invalidateQueries({ queryKey: clubKeys.feed(id) });
  };
}

export function useCreateClub() {
  const client = useQueryClient();
  const changed = useClubsChanged();
  return useMutation({
    mutationFn: (body: ClubCreate) => createClub(body),
    onSuccess: (c) => {
      client.setQueryData(clubKeys.one(c.id), c);
      changed();
    },
  });
}

export function useUpdateClub(id: string) {
  const client = useQueryClient();
  const changed = useClubsChanged();
  return useMutation({
    mutationFn: (patch: ClubPatch) => updateClub(id, patch),
    onSuccess: (c) => {
      client.setQueryData(clubKeys.one(id), c);
      changed();
    },
  });
}

export function useDeleteClub(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => deleteClub(id),
    onSuccess: () => {
      client.removeQueries({ queryKey: clubKeys.one(id) });
      client.removeQueries({ queryKey: clubKeys.feed(id) });
      void client.invalidateQueries({ queryKey: clubKeys.all });
    },
  });
}

/** Joins or asks to join; the caller's new role shows at once. */
export function useJoinClub(id: string) {
  const client = useQueryClient();
  const changed = useClubsChanged();
  return useMutation({
    mutationFn: () => joinClub(id),
    onSuccess: (r) => {
      client.setQueryData<Club>(clubKeys.one(id), (c) => (c ? { ...c, role: r.role } : c));
      changed(id);
    },
  });
}

/** Leaves, withdraws a request or turns down an invitation. */
export function useLeaveClub(id: string) {
  const client = useQueryClient();
  const changed = useClubsChanged();
  return useMutation({
    mutationFn: () => leaveClub(id),
    onSuccess: () => {
      client.setQueryData<Club>(clubKeys.one(id), (c) => (c ? { ...c, role: null } : c));
      client.removeQueries({ queryKey: clubKeys.feed(id) });
      changed();
    },
  });
}

/** A club admin approves a request or invites someone. */
export function useAdmitToClub(id: string) {
  const changed = useClubsChanged();
  return useMutation({ mutationFn: (username: string) => admitToClub(id, username), onSuccess: () => changed(id) });
}

export function useSetClubRole(id: string) {
  const changed = useClubsChanged();
  return useMutation({
    mutationFn: ({ username, role }: { username: string; role: 'admin' | 'member' }) => setClubRole(id, username, role),
    onSuccess: () => changed(id),
  });
}

/** Removes a member, declines a request or withdraws an invitation. */
export function useRemoveFromClub(id: string) {
  const changed = useClubsChanged();
  return useMutation({ mutationFn: (username: string) => removeFromClub(id, username), onSuccess: () => changed(id) });
}
