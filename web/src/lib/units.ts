import type { TFunction } from 'i18next';

/** Display units. Stored values are SI (kilograms, metres, seconds); the profile picks what people see. */
export type Units = 'metric' | 'imperial';

export const KG_PER_LB = 0.45359237;
export const M_PER_IN = 0.0254;
export const M_PER_FT = 0.3048;
export const M_PER_MI = 1609.344;

/** A number in the UI language's style (decimal comma and digit grouping in Russian). */
export function formatNumber(value: number, lang: string, digits = 1) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

const number = formatNumber;

/** Rounds away float noise (0.1 + 0.2) so inputs show what people typed. */
const tidy = (v: number, digits: number) => Number(v.toFixed(digits));

/** A weight in the member's unit; `digits` caps the decimals (volumes are shown whole). */
export function formatWeight(t: TFunction, lang: string, kg: number, units: Units, digits?: number): string {
  return units === 'imperial'
    ? t('units.lb', { value: number(kg / KG_PER_LB, lang, digits ?? 1) })
    : t('units.kg', { value: number(kg, lang, digits ?? 2) });
}

export function formatLength(t: TFunction, lang: string, m: number, units: Units): string {
  return units === 'imperial'
    ? t('units.in', { value: number(m / M_PER_IN, lang) })
    : t('units.cm', { value: number(m * 100, lang) });
}

/** Distances of a set: km or m (metric), mi or ft (imperial). */
export function formatDistance(t: TFunction, lang: string, m: number, units: Units): string {
  if (units === 'imperial') {
    const mi = m / M_PER_MI;
    return mi >= 0.1 ? t('units.mi', { value: number(mi, lang, 2) }) : t('units.ft', { value: number(m / M_PER_FT, lang, 0) });
  }
  return m >= 1000 ? t('units.km', { value: number(m / 1000, lang, 2) }) : t('units.m', { value: number(m, lang, 0) });
}

/** The short name of the unit weights are typed in. */
export const weightUnit = (t: TFunction, units: Units) => t(units === 'imperial' ? 'units.lbShort' : 'units.kgShort');
export const distanceUnit = (t: TFunction, units: Units) => t(units === 'imperial' ? 'units.miShort' : 'units.kmShort');
export const lengthUnit = (t: TFunction, units: Units) => t(units === 'imperial' ? 'units.inShort' : 'units.cmShort');

// Conversions between what inputs show and what the API stores.
export const kgToInput = (kg: number, units: Units) => tidy(units === 'imperial' ? kg / KG_PER_LB : kg, 2);
export const inputToKg = (value: number, units: Units) => tidy(units === 'imperial' ? value * KG_PER_LB : value, 3);
export const metresToInput = (m: number, units: Units) => tidy(units === 'imperial' ? m / M_PER_MI : m / 1000, 3);
export const inputToMetres = (value: number, units: Units) => tidy(units === 'imperial' ? value * M_PER_MI : value * 1000, 1);
export const lengthToInput = (m: number, units: Units) => tidy(units === 'imperial' ? m / M_PER_IN : m * 100, 1);
export const inputToLength = (value: number, units: Units) => tidy(units === 'imperial' ? value * M_PER_IN : value / 100, 4);

/** Parses a typed number; accepts a decimal comma ("62,5"). Null for empty or invalid text. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '' || !/^\d*\.?\d*$/.test(s) || s === '.') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A number for an input field, in the UI language's decimal separator style kept simple (dot or comma). */
export function numberToInput(value: number | undefined | null, lang: string): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return lang === 'ru' ? s.replace('.', ',') : s;
}

/** Longer spans of training time: "3 h 05 min", "45 min". */
export function formatHours(t: TFunction, totalSeconds: number): string {
  const minutes = Math.max(0, Math.round(totalSeconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('units.hoursMinutes', { h, m: String(m).padStart(2, '0') }) : t('units.minutes', { m });
}

/** Durations as h:mm:ss or m:ss. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A workout's length as h:mm ("1:05", "0:45"). */
export function formatHm(totalSeconds: number): string {
  const minutes = Math.max(0, Math.round(totalSeconds / 60));
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Parses "90", "1:30" or "1:02:03" into seconds. */
export function parseClock(text: string): number | null {
  const s = text.trim();
  if (!/^\d+(:\d{1,2}){0,2}$/.test(s)) return null;
  return s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}
