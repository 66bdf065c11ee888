import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/* Ideas and bug reports members send to the gym's administrators, and the answers they get. */

type Schemas = components['schemas'];
export type Feedback = Schemas['FeedbackDto'];
export type FeedbackKind = Schemas['FeedbackKindDto'];
export type FeedbackStatus = Schemas['FeedbackStatusDto'];
export type NewFeedback = Schemas['NewFeedbackRequest'];
export type FeedbackPatch = Schemas['FeedbackPatch'];

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['idea', 'bug'];
export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['new', 'planned', 'done'];
/** At most this many characters of a message or an answer. */
export const MAX_MESSAGE = 4000;
/** At most this many characters of a screen path. */
export const MAX_SCREEN = 200;

export const sendFeedback = (body: NewFeedback) => unwrap(api.POST('/api/v1/feedback', { body }));
/** The caller's own feedback, newest first. */
export const listMyFeedback = (cursor?: string) => unwrap(api.GET('/api/v1/me/feedback', { params: { query: { limit: 20, cursor } } }));
/** Administrators: one status, newest first. */
export const listFeedback = (status: FeedbackStatus, cursor?: string) =>
  unwrap(api.GET('/api/v1/admin/feedback', { params: { query: { status, limit: 30, cursor } } }));
/** A new status and/or answer (an empty answer removes it); the member is notified of an answer. */
export const updateFeedback = (id: string, body: FeedbackPatch) =>
  unwrap(api.PATCH('/api/v1/admin/feedback/{id}', { params: { path: { id } }, body }));
