import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import en from './en';
import { ADMIN_STRINGS } from './admin';
import { FEEDBACK_STRINGS } from './feedback';
import { GAMIFICATION_STRINGS } from './gamification';
import { IMPORT_STRINGS } from './imports';
import { TRAINING_STRINGS } from './training';
import { TRACK_STRINGS } from './tracks';
import ru from './ru';

type Tree = { [k: string]: string | Tree };

/** `b` merged into `a` the way i18next adds a lazily loaded bundle (deep). */
function deepMerge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    out[k] = typeof v !== 'string' && old && typeof old !== 'string' ? deepMerge(old, v) : v;
  }
  return out;
}

/** Strings loaded with their screens: achievements, leaderboards, challenges; admin; feedback; imports. */
const LAZY = [GAMIFICATION_STRINGS, ADMIN_STRINGS, FEEDBACK_STRINGS, TRAINING_STRINGS, IMPORT_STRINGS, TRACK_STRINGS] as unknown as { en: Tree; ru: Tree }[];
const enAll = LAZY.reduce((all, s) => deepMerge(all, s.en), en as Tree);
const ruAll = LAZY.reduce((all, s) => deepMerge(all, s.ru), ru as Tree);

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');

describe('translations', () => {
  // The strings loaded with their screens are checked with the rest.
  const enKeys = flatten(enAll);
  const ruKeys = flatten(ruAll);

  it('loads the strings of achievements, leaderboards, challenges, admin and feedback with their screens', () => {
    for (const bundle of LAZY) expect(Object.keys(bundle.ru).sort()).toEqual(Object.keys(bundle.en).sort());
    expect(i18n.t('challenges.participants', { count: 2 })).toBe('2 participants');
    // Merged into the `admin` strings the first page carries, not replacing them.
    expect(i18n.t('admin.settings.tab')).toBe('Gym');
    expect(i18n.t('admin.users.tab')).toBe('People');
    expect(i18n.t('errors.reset_link_invalid')).toMatch(/^This link does not work/);
  });

  it('loads the strings of notes, supersets, the body diagram and plan switching with their screens', () => {
    expect(Object.keys(TRAINING_STRINGS.ru).sort()).toEqual(Object.keys(TRAINING_STRINGS.en).sort());
    expect(i18n.t('exerciseNote.left', { count: 2 })).toBe('2 characters left');
  });

  it('loads the strings of importing history with that screen', async () => {
    expect(i18n.t('imports.workouts', { count: 12 })).toBe('12 workouts');
    await i18n.changeLanguage('ru');
    expect([1, 3, 5].map((count) => i18n.t('imports.workouts', { count }))).toEqual(['1 тренировка', '3 тренировки', '5 тренировок']);
  });

  it('has the same messages in English and Russian', () => {
    expect([...new Set(ruKeys.map(base))].sort()).toEqual([...new Set(enKeys.map(base))].sort());
  });

  it('has every plural form each language needs', () => {
    const plurals = [...new Set(enKeys.filter((k) => PLURAL.test(k)).map(base))];
    for (const key of plurals) {
      for (const form of ['one', 'other']) expect(enKeys).toContain(`${key}_${form}`);
      for (const form of ['one', 'few', 'many', 'other']) expect(ruKeys).toContain(`${key}_${form}`);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const get = (tree: Tree, key: string) => key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
    for (const key of ruKeys) {
      const enKey = enKeys.includes(key) ? key : `${base(key)}_other`;
      // A plural form may leave out {{count}} ("this code" for one).
      const strip = (v: (string | undefined)[]) => (PLURAL.test(key) ? v.filter((x) => x !== 'count') : v);
      expect(strip(vars(get(ruAll, key))), key).toEqual(strip(vars(get(enAll, enKey))));
    }
  });

  it('picks Russian plural forms', async () => {
    await i18n.changeLanguage('ru');
    const days = (count: number) => i18n.t('settings.tokens.days', { count });
    expect([1, 2, 5, 11, 21, 22, 25].map(days)).toEqual(['1 день', '2 дня', '5 дней', '11 дней', '21 день', '22 дня', '25 дней']);
  });

  it('defines every literal key the code asks for', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\./.test(name) && !path.includes('/test/')) files.push(path);
      }
    };
    walk(join(__dirname, '..'));
    const known = new Set(enKeys.map(base));
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z_.]+)'/g)) {
        if (!known.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a message for every problem type the server lists (schema Code)', () => {
    const schema = readFileSync(join(__dirname, '../api/schema.d.ts'), 'utf8');
    const union = schema.match(/\bCode: ((?:"\w+"(?: \| )?)+);/)?.[1] ?? '';
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(20);
    const known = new Set(enKeys.map(base));
    expect(codes.filter((c) => !known.has(`errors.${c}`))).toEqual([]);
  });
});
