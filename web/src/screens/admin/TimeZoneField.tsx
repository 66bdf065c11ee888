import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Every IANA zone this browser knows (plus UTC and the current value), sorted. */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return [...new Set([...zones, 'UTC', current].filter(Boolean))].sort();
}

const label = (zone: string) => zone.replaceAll('_', ' ');
/** "new york" finds America/New_York; "kyiv" finds Europe/Kyiv. */
const matches = (zone: string, q: string) => label(zone).toLowerCase().includes(q) || zone.toLowerCase().includes(q);

/**
 * A time zone picker for ~400 zones: a search box narrows the list below it. The chosen zone
 * stays in the list whatever is typed, so the list never shows a value that is not picked.
 */
export function TimeZoneField({ value, onValue, error }: { value: string; onValue: (zone: string) => void; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const all = useMemo(() => timeZones(value), [value]);
  const q = search.trim().toLowerCase().replaceAll('_', ' ');
  const shown = q ? all.filter((z) => z === value || matches(z, q)) : all;
  const found = q ? all.filter((z) => matches(z, q)).length : all.length;
  return (
    <div className={`field tz-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-select`}>{t('admin.settings.timezone')}</label>
      <input
        type="search"
        className="tz-search"
        value={search}
        aria-label={t('admin.settings.timezoneSearch')}
        placeholder={t('admin.settings.timezoneSearch')}
        aria-controls={`${id}-select`}
        onChange={(e) => {
          const next = e.target.value;
          setSearch(next);
          const nq = next.trim().toLowerCase().replaceAll('_', ' ');
          // One match: pick it, as a person typing a city expects.
          const hits = nq ? all.filter((z) => matches(z, nq)) : [];
          if (hits.length === 1 && hits[0] !== value) onValue(hits[0]!);
        }}
      />
      <select
        id={`${id}-select`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-status${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onValue(e.target.value)}
      >
        {shown.map((z) => (
          <option key={z} value={z}>
            {label(z)}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-status`} aria-live="polite">
        {q ? t('admin.settings.timezoneFound', { count: found }) : t('admin.settings.timezoneHint', { zone: label(value) })}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
