import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/*
 * Coaching with consent: a coach asks, the member accepts or declines, either of them (or an
 * administrator) ends it. Only an active relationship lets the coach assign plans and see the
 * member's private training.
 */

type Schemas = components['schemas'];
export type Coaching = Schemas['CoachingDto'];
export type CoachingStatus = Schemas['CoachingStatus'];
export type MyCoaching = Schemas['MyCoaching'];
export type MyCoachingItem = Schemas['MyCoachingItem'];
export type CoachMember = Schemas['CoachMember'];

/** The caller's requests and relationships, as coach (`as_coach`) and as member (`as_member`). */
export const getMyCoaching = () => unwrap(api.GET('/api/v1/me/coaching'));
/** A coach asks `username` to accept them (404 when the caller may not see that profile). */
export const requestCoaching = (username: string) => unwrap(api.POST('/api/v1/coaching/requests', { body: { username } }));
export const acceptCoaching = (id: string) =>
  unwrap(api.POST('/api/v1/coaching/requests/{id}/accept', { params: { path: { id } } }));
export const declineCoaching = (id: string) =>
  unwrap(api.POST('/api/v1/coaching/requests/{id}/decline', { params: { path: { id } } }));
/** Ends a relationship or withdraws a request (the member, the coach or an administrator). */
export const endCoaching = (id: string) => unwrap(api.DELETE('/api/v1/coaching/{id}', { params: { path: { id } } }));
/** The members the caller coaches (403 without coach rights). */
export const getCoachMembers = () => unwrap(api.GET('/api/v1/coach/members'));
/** An administrator pairs a coach and a member directly (active at once). */
export const pairCoaching = (coach: string, member: string) =>
  unwrap(api.POST('/api/v1/admin/coaching', { body: { coach, member } }));
