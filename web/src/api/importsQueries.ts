import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyImport, getImport, listImports, undoImport, uploadImport, type ImportFormat, type ImportMapping, type UploadProgress, type WeightUnit } from './imports';
import { useCursorList } from './queries';

/** Query keys of imports: the member's list of past imports. */
export const importKeys = {
  all: ['imports'] as const,
  list: ['imports', 'list'] as const,
};

export const useImports = () => useCursorList(importKeys.list, listImports);

export function useUploadImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, unit, onProgress }: { file: File; format: ImportFormat; unit: WeightUnit; onProgress?: UploadProgress }) =>
      uploadImport(file, format, unit, onProgress),
    onSuccess: () => void client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

/**
 * Applying or undoing an import adds or removes workouts (and may create exercises): history,
 * calendar, records, statistics and the catalogue all change, so every query is read again.
 */
function useChangesHistory() {
  const client = useQueryClient();
  return () => void client.invalidateQueries();
}

export function useApplyImport() {
  const changed = useChangesHistory();
  return useMutation({
    mutationFn: ({ id, mapping, profile }: { id: string; mapping: ImportMapping[]; profile?: boolean }) => applyImport(id, mapping, profile),
    onSuccess: changed,
  });
}

export function useUndoImport() {
  const changed = useChangesHistory();
  return useMutation({ mutationFn: (id: string) => undoImport(id), onSuccess: changed });
}

/** An import being applied, read again every second until it is no longer `applying`. */
export function useImportProgress(id: string, interval = 1000) {
  return useQuery({
    queryKey: [...importKeys.all, 'one', id],
    queryFn: () => getImport(id),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'applying' ? false : interval),
  });
}
