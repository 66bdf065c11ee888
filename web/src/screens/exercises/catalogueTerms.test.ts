import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { hitSubtitle } from '../../components/SearchBox';
import { CATEGORIES, EQUIPMENT, MUSCLES } from './vocab';

/** The built-in catalogue the server ships (src/training/catalogue.json). */
const catalogue = JSON.parse(readFileSync(join(__dirname, '../../../../src/training/catalogue.json'), 'utf8')) as Record<string, unknown>[];

/** Where each vocabulary field of the catalogue gets its labels. */
const LABELS: Record<string, string> = {
  primary: 'muscles',
  secondary: 'muscles',
  equipment: 'equipment',
  category: 'categories',
  mechanics: 'exercises.mechanics',
  logging: 'exercises.loggingType',
};
/** Fields holding names and prose, not vocabulary words. */
const TEXT = new Set(['id', 'name_en', 'name_ru', 'aliases_en', 'aliases_ru', 'instructions_en', 'instructions_ru']);

const values = (field: string) =>
  [...new Set(catalogue.flatMap((e) => (Array.isArray(e[field]) ? e[field] : [e[field]])).filter((v): v is string => typeof v === 'string'))].sort();

describe('catalogue terms', () => {
  it('knows every vocabulary field of the catalogue (a new one such as force or level needs labels first)', () => {
    expect(catalogue.length).toBeGreaterThan(200);
    const fields = [...new Set(catalogue.flatMap((e) => Object.keys(e)))].filter((f) => !TEXT.has(f)).sort();
    expect(fields).toEqual(Object.keys(LABELS).sort());
  });

  it('has an English and a Russian label for every term the catalogue uses', async () => {
    const missing: string[] = [];
    for (const [field, ns] of Object.entries(LABELS)) {
      const terms = values(field);
      expect(terms.length, field).toBeGreaterThan(1);
      for (const lng of ['en', 'ru']) {
        await i18n.changeLanguage(lng);
        for (const term of terms) {
          const label = i18n.t(`${ns}.${term}`, { defaultValue: '' });
          // A label, not the raw word ("lower_back", "ez bar") and, in Russian, in Cyrillic.
          const ok = label !== '' && label !== term && label !== term.replace(/_/g, ' ') && (lng === 'en' || /[а-яё]/i.test(label));
          if (!ok) missing.push(`${lng} ${field}: ${term} → "${label}"`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('offers every catalogue muscle, equipment and category as a filter', () => {
    expect(values('primary').filter((m) => !(MUSCLES as readonly string[]).includes(m))).toEqual([]);
    expect(values('secondary').filter((m) => !(MUSCLES as readonly string[]).includes(m))).toEqual([]);
    expect(values('equipment').filter((m) => !(EQUIPMENT as readonly string[]).includes(m))).toEqual([]);
    expect(values('category').filter((m) => !(CATEGORIES as readonly string[]).includes(m))).toEqual([]);
  });

  it('shows search hits’ muscle and equipment in Russian, two-word terms included', async () => {
    await i18n.changeLanguage('ru');
    const hit = (subtitle: string) => hitSubtitle(i18n.t, { type: 'exercise', id: 'x', title: 'x', subtitle, score: 1 });
    expect(hit('lower back · ez bar')).toBe('Поясница · EZ-гриф');
    expect(hit('middle back · medicine ball')).toBe('Середина спины · Медбол');
    expect(hit(' · other')).toBe('Другое');
    // As the server writes them (src/search/query.rs): the first primary muscle and the equipment, "_" as spaces.
    const untranslated = catalogue
      .map((e) => `${String((e.primary as string[])[0] ?? '').replace(/_/g, ' ')} · ${String(e.equipment).replace(/_/g, ' ')}`)
      .map(hit)
      .filter((s) => /[a-z]{2}/.test(s.replace('EZ', '')));
    expect(untranslated).toEqual([]);
  });
});
