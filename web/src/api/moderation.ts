import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/* Reports members send about people and content, and how the gym's administrators answer them. */

type Schemas = components['schemas'];
export type Report = Schemas['ReportDto'];
export type ReportKind = Schemas['ReportKindDto'];
export type ReportReason = Schemas['ReportReasonDto'];
export type ReportStatus = Schemas['ReportStatus'];
export type ModerationAction = Schemas['ModerationActionDto'];
export type AuditEntry = Schemas['AuditEntryDto'];

export const REPORT_REASONS: readonly ReportReason[] = ['spam', 'harassment', 'inappropriate', 'impersonation', 'unsafe', 'other'];
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['dismiss', 'hide', 'warn', 'suspend'];
/** Actions whose note the member is shown and that need one. */
export const NOTE_REQUIRED: readonly ModerationAction[] = ['warn', 'suspend'];
/** At most this many characters of details or of a note. */
export const MAX_NOTE = 1000;

/**
 * Reports something the caller can see (`id` is the username for a member). Reporting it again
 * returns the open report; 422 `own_item` for the caller's own account or content.
 */
export const createReport = (kind: ReportKind, id: string, reason: ReportReason, details: string) =>
  unwrap(api.POST('/api/v1/reports', { body: { kind, id, reason, details } }));

/** Open reports oldest first, or resolved ones newest first (administrators). */
export const listReports = (status: ReportStatus, cursor?: string) =>
  unwrap(api.GET('/api/v1/admin/reports', { params: { query: { status, cursor, limit: 50 } } }));
/** 409 when resolved already; 422 on `note` when `warn` or `suspend` has none. */
export const resolveReport = (id: string, action: ModerationAction, note: string) =>
  unwrap(api.POST('/api/v1/admin/reports/{id}/resolve', { params: { path: { id } }, body: { action, note } }));
export const listAudit = (cursor?: string) => unwrap(api.GET('/api/v1/admin/audit', { params: { query: { cursor, limit: 50 } } }));
