import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../../api/admin';
import { keys, useCursorList } from '../../api/queries';
import { EmptyState, LoadError } from '../../components/Alert';
import { Loading } from '../../components/Spinner';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { NewAccountForm } from './NewAccountForm';
import { UserRow } from './UserRow';
import { LoadMore } from '../../components/LoadMore';
import './gym.css';

function useDebounced(value: string, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Make accounts; find people by username prefix, change their role or status, hand them a link to set a password. */
export default function AdminUsers() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim().toLowerCase(), 250);
  const list = useCursorList(keys.adminUsers(q), (cursor) => listUsers(q, cursor));
  return (
    <div className="stack">
      <NewAccountForm />
      <div className="card">
        <div className="field">
          <label htmlFor={searchId}>{t('admin.users.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoCapitalize="none" spellCheck={false} />
        </div>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.items.length === 0 ? (
          <EmptyState>{q ? t('admin.users.noMatch', { q }) : t('admin.users.empty')}</EmptyState>
        ) : (
          <ul className="rows" aria-busy={list.isFetching || undefined}>
            {list.items.map((u) => (
              <UserRow key={u.id} user={u} viewer={me} />
            ))}
          </ul>
        )}
        <LoadMore list={list} />
      </div>
    </div>
  );
}
