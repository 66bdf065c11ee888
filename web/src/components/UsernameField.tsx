import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { search } from '../api/search';
import { useDebounced } from '../screens/search/useDebounced';
import { TextField } from './Field';

/** A typed username without surrounding spaces or a leading @. */
export const cleanUsername = (s: string) => s.trim().replace(/^@/, '');

interface UsernameFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  error?: string;
  onValue: (value: string) => void;
}

/**
 * A field for someone's username that suggests the people matching what is typed (from the
 * user search, so only people the viewer may find).
 */
export function UsernameField({ label, hint, value, error, onValue }: UsernameFieldProps) {
  const listId = useId();
  const q = useDebounced(cleanUsername(value), 250);
  const suggestions = useQuery({
    queryKey: ['search', 'users', q],
    queryFn: () => search(q, ['users'], 6),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
  return (
    <>
      <TextField
        label={label}
        hint={hint}
        value={value}
        list={listId}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
        error={error}
        onValue={onValue}
      />
      <datalist id={listId}>
        {(suggestions.data?.items ?? []).map((h) => (
          <option key={h.id} value={h.id}>
            {h.title}
          </option>
        ))}
      </datalist>
    </>
  );
}
