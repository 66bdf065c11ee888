import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/*
 * Clubs: groups of members, open to all, by approval or by invitation, with their own admins
 * and a feed of their members' finished workouts.
 */

type Schemas = components['schemas'];
export type Club = Schemas['ClubDto'];
export type ClubPolicy = Schemas['JoinPolicyDto'];
export type ClubRole = Schemas['ClubRoleDto'];
export type ClubPerson = Schemas['ClubPerson'];
export type ClubCreate = Schemas['ClubCreate'];
export type ClubPatch = Schemas['ClubPatchDto'];

export const CLUB_POLICIES: readonly ClubPolicy[] = ['open', 'approval', 'invite'];

const club = (id: string) => ({ params: { path: { id } } });
const person = (id: string, username: string) => ({ params: { path: { id, username } } });

/** Every club the caller may see, oldest first; `mine`: theirs, their requests and invitations. */
export const listClubs = (mine: boolean, cursor?: string) =>
  unwrap(api.GET('/api/v1/clubs', { params: { query: { mine, cursor, limit: 50 } } }));
/** 403 `forbidden` when only coaches and administrators may create clubs on this gym. */
export const createClub = (body: ClubCreate) => unwrap(api.POST('/api/v1/clubs', { body }));
export const getClub = (id: string) => unwrap(api.GET('/api/v1/clubs/{id}', club(id)));
export const updateClub = (id: string, body: ClubPatch) => unwrap(api.PATCH('/api/v1/clubs/{id}', { ...club(id), body }));
export const deleteClub = (id: string) => unwrap(api.DELETE('/api/v1/clubs/{id}', club(id)));

/** Joins (open, or invited), or asks to join (approval); answers the caller's new role. */
export const joinClub = (id: string) => unwrap(api.POST('/api/v1/clubs/{id}/join', club(id)));
/** Leaves, withdraws a request or turns down an invitation (409 `last_club_admin`). */
export const leaveClub = (id: string) => unwrap(api.POST('/api/v1/clubs/{id}/leave', club(id)));

/** Members and admins; `pending`: requests and invitations (club admins only). */
export const listClubPeople = (id: string, pending: boolean, cursor?: string) =>
  unwrap(api.GET('/api/v1/clubs/{id}/members', { params: { path: { id }, query: { pending, cursor, limit: 50 } } }));
/** Approves someone's request, or invites them. */
export const admitToClub = (id: string, username: string) =>
  unwrap(api.POST('/api/v1/clubs/{id}/members', { ...club(id), body: { username } }));
export const setClubRole = (id: string, username: string, role: 'admin' | 'member') =>
  unwrap(api.PATCH('/api/v1/clubs/{id}/members/{username}', { ...person(id, username), body: { role } }));
/** Removes a member, declines a request or withdraws an invitation. */
export const removeFromClub = (id: string, username: string) =>
  unwrap(api.DELETE('/api/v1/clubs/{id}/members/{username}', person(id, username)));

/** The club's feed: its members' finished workouts, newest first (members only). */
export const getClubFeed = (id: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/feed', { params: { query: { scope: `club:${id}`, cursor, limit: 20 } } }));
