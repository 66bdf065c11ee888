import type { TFunction } from 'i18next';
import type { Plates } from '../../api/gym';
import { formatNumber, parseNumber } from '../../lib/units';

/** The gym's plates as typed: one text per plate, and the bars. */
export interface PlateDraft {
  kg: string[];
  lb: string[];
  bar_kg: string;
  bar_lb: string;
}

export type PlateList = 'kg' | 'lb';
export type PlateField = PlateList | 'bar_kg' | 'bar_lb';

/** What a plate or a bar may weigh (in its unit; a bar of 0 is none), and how many plate sizes a list may hold. */
export const PLATE_LIMITS = { plate: 100, bar: 100, count: 16 } as const;

export interface PlateProblems {
  /** One sentence per field. */
  messages: Partial<Record<PlateField, string>>;
  /** Which plates of each list are wrong, to mark them. */
  bad: Record<PlateList, number[]>;
}

const unitOf = (field: PlateField): PlateList => (field === 'kg' || field === 'bar_kg' ? 'kg' : 'lb');

/** The plate set from settings, as texts in the UI language's style (decimal comma in Russian). */
export function toDraft(plates: Plates, lang: string): PlateDraft {
  const text = (n: number) => (lang === 'ru' ? String(n).replace('.', ',') : String(n));
  return { kg: plates.kg.map(text), lb: plates.lb.map(text), bar_kg: text(plates.bar_kg), bar_lb: text(plates.bar_lb) };
}

/**
 * Checks what was typed, as the server does: every plate a number above 0 and at most the limit,
 * none twice, at least one and at most `PLATE_LIMITS.count` a list; each bar from 0 (none) to its limit.
 * Answers the plate set (plates heaviest first) or the problems.
 */
export function checkPlates(t: TFunction, lang: string, draft: PlateDraft): { plates: Plates } | { problems: PlateProblems } {
  const problems: PlateProblems = { messages: {}, bad: { kg: [], lb: [] } };
  const num = (v: number) => formatNumber(v, lang, 3);
  const lists = {} as Record<PlateList, number[]>;
  for (const unit of ['kg', 'lb'] as const) {
    const max = PLATE_LIMITS.plate;
    const values: number[] = [];
    const seen = new Map<number, number>();
    let message: string | undefined;
    draft[unit].forEach((text, i) => {
      if (text.trim() === '') return;
      const v = parseNumber(text);
      if (v === null) {
        problems.bad[unit].push(i);
        message ??= t('admin.settings.plates.notNumber', { value: text.trim() });
      } else if (v <= 0 || v > max) {
        problems.bad[unit].push(i);
        message ??= t(`admin.settings.plates.plateRange_${unit}`, { max: num(max) });
      } else if (seen.has(v)) {
        problems.bad[unit].push(i);
        message ??= t(`admin.settings.plates.twice_${unit}`, { value: num(v) });
      } else {
        seen.set(v, i);
        values.push(v);
      }
    });
    if (!message && values.length === 0) message = t('admin.settings.plates.none');
    else if (!message && values.length > PLATE_LIMITS.count) message = t('admin.settings.plates.tooMany', { count: PLATE_LIMITS.count });
    if (message) problems.messages[unit] = message;
    lists[unit] = values.sort((a, b) => b - a);
  }
  const bars = {} as Record<'bar_kg' | 'bar_lb', number>;
  for (const field of ['bar_kg', 'bar_lb'] as const) {
    const unit = unitOf(field);
    const v = parseNumber(draft[field]);
    if (v === null || v > PLATE_LIMITS.bar) {
      problems.messages[field] = t(`admin.settings.plates.barRange_${unit}`, { max: num(PLATE_LIMITS.bar) });
    } else bars[field] = v;
  }
  if (Object.keys(problems.messages).length > 0) return { problems };
  return { plates: { kg: lists.kg, lb: lists.lb, bar_kg: bars.bar_kg, bar_lb: bars.bar_lb } };
}

/** The field of the form a server's field error names: `plates.kg`, `plates.kg[2]`, `bar_lb`… */
export function plateFieldOf(serverField: string): PlateField | null {
  const name = serverField.replace(/^plates\.?/, '').replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
  return name === 'kg' || name === 'lb' || name === 'bar_kg' || name === 'bar_lb' ? name : null;
}
