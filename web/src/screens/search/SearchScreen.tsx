import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { search, searchGrouped, type SearchGroup, type SearchHit } from '../../api/search';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { hitPath, hitSubtitle } from '../../components/SearchBox';
import { Loading } from '../../components/Spinner';
import { useDebounced } from './useDebounced';

const GROUPS: SearchGroup[] = ['users', 'plans', 'clubs', 'exercises'];
const isGroup = (v: string | null): v is SearchGroup => GROUPS.includes(v as SearchGroup);

/** Every result for a search, grouped by kind, with a filter to one kind. */
export default function SearchScreen() {
  const { t } = useTranslation();
  const inputId = useId();
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type = isGroup(typeParam) ? typeParam : null;
  const [text, setText] = useState(urlQ);
  const q = useDebounced(text.trim(), 250);

  useEffect(() => setText(urlQ), [urlQ]);
  useEffect(() => {
    if (q === urlQ.trim()) return;
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    setParams(next, { replace: true });
    // Only when the typed text settles, not on every URL change.
  }, [q]);

  const setType = (g: SearchGroup | null) => {
    const next = new URLSearchParams(params);
    if (g) next.set('type', g);
    else next.delete('type');
    setParams(next, { replace: true });
  };

  return (
    <section className="screen">
      <h1>{t('search.title')}</h1>
      <div className="field">
        <label htmlFor={inputId}>{t('search.label')}</label>
        <input id={inputId} type="search" value={text} placeholder={t('search.placeholder')} autoComplete="off" autoCapitalize="none" spellCheck={false} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="tabs" role="group" aria-label={t('search.filter')}>
        <button type="button" className={`tab${type === null ? ' active' : ''}`} aria-pressed={type === null} onClick={() => setType(null)}>
          {t('search.all')}
        </button>
        {GROUPS.map((g) => (
          <button key={g} type="button" className={`tab${type === g ? ' active' : ''}`} aria-pressed={type === g} onClick={() => setType(g)}>
            {t(`search.groups.${g}`)}
          </button>
        ))}
      </div>
      {!q ? <EmptyState>{t('search.typeSomething')}</EmptyState> : type ? <OneKind q={q} type={type} /> : <AllKinds q={q} onMore={setType} />}
    </section>
  );
}

function HitRow({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          <Link to={hitPath(hit)}>{hit.type === 'user' ? hit.title || `@${hit.id}` : hit.title}</Link>
        </p>
        <p className="row-meta">{hitSubtitle(t, hit)}</p>
      </div>
    </li>
  );
}

function AllKinds({ q, onMore }: { q: string; onMore: (g: SearchGroup) => void }) {
  const { t } = useTranslation();
  const per = 10;
  const query = useQuery({ queryKey: ['search', 'grouped', q, per], queryFn: () => searchGrouped(q, per), placeholderData: keepPreviousData });
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const groups = GROUPS.filter((g) => query.data[g].length > 0);
  if (groups.length === 0) return <EmptyState>{t('search.nothing', { q })}</EmptyState>;
  return (
    <div aria-busy={query.isFetching || undefined}>
      {groups.map((g) => (
        <section key={g} className="card" aria-labelledby={`search-${g}`}>
          <h2 id={`search-${g}`} className="cat-card-title">
            {t(`search.groups.${g}`)}
          </h2>
          <ul className="rows">
            {query.data[g].map((hit) => (
              <HitRow key={hit.id} hit={hit} />
            ))}
          </ul>
          {query.data[g].length >= per && (
            <Button small variant="ghost" onClick={() => onMore(g)}>
              {t(`search.more.${g}`)}
            </Button>
          )}
        </section>
      ))}
      {!query.data.complete && <p className="muted">{t('search.indexing')}</p>}
    </div>
  );
}

function OneKind({ q, type }: { q: string; type: SearchGroup }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['search', type, q, 50], queryFn: () => search(q, [type], 50), placeholderData: keepPreviousData });
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState>{t('search.nothing', { q })}</EmptyState>;
  return (
    <div className="card" aria-busy={query.isFetching || undefined}>
      <ul className="rows">
        {query.data.items.map((hit) => (
          <HitRow key={hit.id} hit={hit} />
        ))}
      </ul>
    </div>
  );
}
