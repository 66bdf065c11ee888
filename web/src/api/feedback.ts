import { query, send } from './pending';
import type { Page, UserRef } from './types';

/* Ideas and bug reports members send to the gym's administrators, and the answers they get. */

export type FeedbackKind = 'idea' | 'bug';
export type FeedbackStatus = 'new' | 'planned' | 'done';

export interface Feedback {
  id: string;
  kind: FeedbackKind;
  message: string;
  /** The path of the screen the member was on, when they chose to include it. */
  screen: string | null;
  status: FeedbackStatus;
  answer: string | null;
  answered_at: string | null;
  created_at: string;
  /** `null` once the account is deleted. */
  author: UserRef | null;
}

export interface NewFeedback {
  kind: FeedbackKind;
  message: string;
  screen?: string;
}

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['idea', 'bug'];
export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['new', 'planned', 'done'];
/** At most this many characters of a message or an answer. */
export const MAX_MESSAGE = 4000;
/** At most this many characters of a screen path. */
export const MAX_SCREEN = 200;

export const sendFeedback = (body: NewFeedback) => send<Feedback>('POST', '/feedback', body);
/** The caller's own feedback, newest first. */
export const listMyFeedback = (cursor?: string) => send<Page<Feedback>>('GET', `/me/feedback${query({ limit: 20, cursor })}`);
/** Administrators: one status, newest first. */
export const listFeedback = (status: FeedbackStatus, cursor?: string) =>
  send<Page<Feedback>>('GET', `/admin/feedback${query({ status, limit: 30, cursor })}`);
export const updateFeedback = (id: string, patch: { status?: FeedbackStatus; answer?: string }) =>
  send<Feedback>('PATCH', `/admin/feedback/${encodeURIComponent(id)}`, patch);
