import { useMutation, useQueryClient } from '@tanstack/react-query';
import { listAudit, listReports, resolveReport, type ModerationAction, type ReportStatus } from './moderation';
import { useCursorList } from './queries';

/** Query keys of the moderation queue and the audit log (administrators). */
export const moderationKeys = {
  all: ['moderation'] as const,
  reports: (status: ReportStatus) => ['moderation', 'reports', status] as const,
  audit: ['moderation', 'audit'] as const,
};

export const useReports = (status: ReportStatus) => useCursorList(moderationKeys.reports(status), (cursor) => listReports(status, cursor));

export const useAudit = () => useCursorList(moderationKeys.audit, listAudit);

/**
 * Resolves a report. The queue, the resolved list and the audit log change, and so may the
 * reported content (hidden) anywhere it is cached: everything is read again.
 */
export function useResolveReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: ModerationAction; note: string }) => resolveReport(id, action, note),
    onSuccess: () => void client.invalidateQueries(),
  });
}
