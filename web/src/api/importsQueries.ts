import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyImport, listImports, undoImport, uploadImport, type ImportFormat, type ImportMapping, type WeightUnit } from './imports';
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
    mutationFn: ({ file, format, unit }: { file: File; format: ImportFormat; unit: WeightUnit }) => uploadImport(file, format, unit),
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
    mutationFn: ({ id, mapping }: { id: string; mapping: ImportMapping[] }) => applyImport(id, mapping),
    onSuccess: changed,
  });
}

export function useUndoImport() {
  const changed = useChangesHistory();
  return useMutation({ mutationFn: (id: string) => undoImport(id), onSuccess: changed });
}
