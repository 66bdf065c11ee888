import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { searchGrouped, type SearchHit } from '../api/search';
import { useDebounced } from '../screens/search/useDebounced';
import { SearchIcon } from './icons';
import { Spinner } from './Spinner';

/** Where a search hit leads: people to their profile, plans, clubs and exercises to their pages. */
export function hitPath(hit: Pick<SearchHit, 'type' | 'id'>): string {
  if (hit.type === 'user') return `/u/${encodeURIComponent(hit.id)}`;
  if (hit.type === 'plan') return `/plans/${encodeURIComponent(hit.id)}`;
  if (hit.type === 'club') return `/clubs/${encodeURIComponent(hit.id)}`;
  return `/exercises/${encodeURIComponent(hit.id)}`;
}

/**
 * A hit's second line in the UI language: people show their @username (the API's subtitle
 * carries it), plans "1 week · 3 days" (sent as "1 × 3"), clubs the start of their description,
 * exercises their muscle and equipment (sent as vocabulary words, e.g. "lower back · ez bar").
 */
export function hitSubtitle(t: TFunction, hit: SearchHit): string {
  if (hit.type === 'user') {
    return hit.subtitle.includes(`@${hit.id}`) ? hit.subtitle : [`@${hit.id}`, hit.subtitle].filter(Boolean).join(' · ');
  }
  if (hit.type === 'plan') {
    const m = /^(\d+) × (\d+)$/.exec(hit.subtitle.trim());
    return m ? `${t('plans.weeks', { count: Number(m[1]) })} · ${t('plans.days', { count: Number(m[2]) })}` : hit.subtitle;
  }
  if (hit.type === 'club') return hit.subtitle;
  // Words of two parts come spaced ("lower back", "ez bar"); the vocabulary keys use "_".
  return hit.subtitle
    .split(' · ')
    .filter((word) => word.trim())
    .map((word) => {
      const key = word.trim().replace(/ /g, '_');
      return t(`muscles.${key}`, { defaultValue: t(`equipment.${key}`, { defaultValue: word }) });
    })
    .join(' · ');
}

const GROUPS = ['users', 'plans', 'clubs', 'exercises'] as const;
const PER_GROUP = 5;

/**
 * The header's as-you-type search: people, plans, clubs and exercises in groups, with arrow keys,
 * Enter and Escape, and a link to every result.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 180);
  const results = useQuery({
    queryKey: ['search', 'grouped', q],
    queryFn: () => searchGrouped(q, PER_GROUP),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  const data = q ? results.data : undefined;
  const groups = GROUPS.map((g) => ({ name: g, hits: data?.[g] ?? [] })).filter((g) => g.hits.length > 0);
  const hits = groups.flatMap((g) => g.hits);
  // The last option is always "see all results".
  const optionCount = q ? hits.length + 1 : 0;
  const expanded = open && q.length > 0;

  useEffect(() => setActive(-1), [q]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (path: string) => {
    close();
    setText('');
    inputRef.current?.blur();
    navigate(path);
  };
  const seeAll = () => go(`/search?q=${encodeURIComponent(text.trim())}`);
  const choose = (index: number) => {
    const hit = hits[index];
    if (hit) go(hitPath(hit));
    else seeAll();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      if (optionCount > 0) setActive((a) => (a + 1) % optionCount);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (optionCount > 0) setActive((a) => (a <= 0 ? optionCount - 1 : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!text.trim()) return;
      if (expanded && active >= 0) choose(active);
      else seeAll();
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        close();
      } else if (text) {
        e.preventDefault();
        setText('');
      }
    }
  };

  let index = -1;
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className={`cat-search${expanded ? ' cat-search-open' : ''}`} role="search">
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {t('search.label')}
      </label>
      <span className="cat-search-icon">
        {results.isFetching && q ? <Spinner small /> : <SearchIcon />}
      </span>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        enterKeyHint="search"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <div className="cat-search-panel" hidden={!expanded}>
        <ul id={`${id}-list`} role="listbox" aria-label={t('search.results')}>
          {groups.map((g) => (
            <li key={g.name} role="presentation">
              <div className="cat-search-group" id={`${id}-${g.name}`} role="presentation">
                {t(`search.groups.${g.name}`)}
              </div>
              <ul role="group" aria-labelledby={`${id}-${g.name}`}>
                {g.hits.map((hit) => {
                  index += 1;
                  const i = index;
                  return (
                    <li
                      key={`${hit.type}-${hit.id}`}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === active}
                      className={`cat-search-option${i === active ? ' cat-option-active' : ''}`}
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseMove={() => setActive(i)}
                      onClick={() => choose(i)}
                    >
                      <span className="cat-option-name">{hit.type === 'user' ? hit.title || `@${hit.id}` : hit.title}</span>
                      <span className="cat-option-meta">{hitSubtitle(t, hit)}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
          {data && hits.length === 0 && !results.isFetching && (
            <li role="presentation" className="cat-search-empty">
              {t('search.nothing', { q })}
            </li>
          )}
          {q && (
            <li
              id={optionId(hits.length)}
              role="option"
              aria-selected={active === hits.length}
              className={`cat-search-option cat-search-all${active === hits.length ? ' cat-option-active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(hits.length)}
              onClick={seeAll}
            >
              {t('search.seeAll', { q: text.trim() || q })}
            </li>
          )}
        </ul>
        {data && !data.complete && <p className="cat-search-note">{t('search.indexing')}</p>}
        {results.isError && <p className="field-error cat-search-note">{t('search.failed')}</p>}
      </div>
    </div>
  );
}
