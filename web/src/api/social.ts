import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/*
 * People and their training together: follows (a profile not shared with the gym needs the
 * member's approval), blocks, the feed of finished workouts, kudos and comments.
 */

type Schemas = components['schemas'];
export type FollowState = Schemas['FollowStateDto'];
export type Relationship = Schemas['RelationshipDto'];
export type FollowRequest = Schemas['FollowRequestDto'];
export type Block = Schemas['BlockDto'];
/** The feeds this app shows: whom the caller follows, or the whole gym. */
export type FeedScope = 'following' | 'gym';
export type FeedItem = Schemas['FeedItem'];
export type FeedPage = Schemas['FeedPage'];
export type Kudos = Schemas['KudosDto'];
export type Comment = Schemas['CommentDto'];

const user = (username: string) => ({ params: { path: { username } } });

/** Follows `username`: `following` at once, or `requested` when they must accept first. */
export const follow = (username: string) => unwrap(api.POST('/api/v1/users/{username}/follow', user(username)));
/** Stops following, or withdraws a request. */
export const unfollow = (username: string) => unwrap(api.DELETE('/api/v1/users/{username}/follow', user(username)));
/** Follow state both ways, whether the caller blocked them, and their follower counts. */
export const getRelationship = (username: string) => unwrap(api.GET('/api/v1/users/{username}/relationship', user(username)));
export const listFollowers = (username: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/users/{username}/followers', { params: { path: { username }, query: { cursor, limit: 50 } } }));
export const listFollowing = (username: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/users/{username}/following', { params: { path: { username }, query: { cursor, limit: 50 } } }));
/** Removes one of the caller's followers (they may ask again). */
export const removeFollower = (username: string) => unwrap(api.DELETE('/api/v1/me/followers/{username}', user(username)));

/** Requests to follow the caller that wait for an answer, oldest first. */
export const listFollowRequests = (cursor?: string) => unwrap(api.GET('/api/v1/me/follow-requests', { params: { query: { cursor, limit: 50 } } }));
export const acceptFollowRequest = (id: string) => unwrap(api.POST('/api/v1/me/follow-requests/{id}/accept', { params: { path: { id } } }));
export const declineFollowRequest = (id: string) => unwrap(api.POST('/api/v1/me/follow-requests/{id}/decline', { params: { path: { id } } }));

export const block = (username: string) => unwrap(api.POST('/api/v1/users/{username}/block', user(username)));
export const unblock = (username: string) => unwrap(api.DELETE('/api/v1/users/{username}/block', user(username)));
export const listBlocks = () => unwrap(api.GET('/api/v1/me/blocks'));

/** Finished workouts, newest first: of the caller and whom they follow, or of the whole gym. */
export const getFeed = (scope: FeedScope, cursor?: string) => unwrap(api.GET('/api/v1/feed', { params: { query: { scope, cursor, limit: 20 } } }));

const workout = (id: string) => ({ params: { path: { id } } });
export const getKudos = (id: string) => unwrap(api.GET('/api/v1/workouts/{id}/kudos', workout(id)));
/** Gives kudos (422 `own_item` on one's own workout); answers the new counts. */
export const giveKudos = (id: string) => unwrap(api.POST('/api/v1/workouts/{id}/kudos', workout(id)));
export const takeKudos = (id: string) => unwrap(api.DELETE('/api/v1/workouts/{id}/kudos', workout(id)));

/** What comments are on: a workout or a plan. */
export interface CommentSubject {
  kind: 'workout' | 'plan';
  id: string;
}

/** The comments of a workout or a plan, oldest first. */
export const listComments = ({ kind, id }: CommentSubject, cursor?: string) => {
  const params = { params: { path: { id }, query: { cursor, limit: 50 } } };
  return kind === 'plan'
    ? unwrap(api.GET('/api/v1/plans/{id}/comments', params))
    : unwrap(api.GET('/api/v1/workouts/{id}/comments', params));
};
export const addComment = ({ kind, id }: CommentSubject, body: string) =>
  kind === 'plan'
    ? unwrap(api.POST('/api/v1/plans/{id}/comments', { ...workout(id), body: { body } }))
    : unwrap(api.POST('/api/v1/workouts/{id}/comments', { ...workout(id), body: { body } }));
export const editComment = (id: string, body: string) => unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id } }, body: { body } }));
export const deleteComment = (id: string) => unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } }));
