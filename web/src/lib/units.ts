import type { TFunction } from 'i18next';

/** Display units. Stored values are SI (kilograms, metres); the profile picks what people see. */
export type Units = 'metric' | 'imperial';

export const KG_PER_LB = 0.45359237;
export const M_PER_IN = 0.0254;

function number(value: number, lang: string) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

export function formatWeight(t: TFunction, lang: string, kg: number, units: Units): string {
  return units === 'imperial'
    ? t('units.lb', { value: number(kg / KG_PER_LB, lang) })
    : t('units.kg', { value: number(kg, lang) });
}

export function formatLength(t: TFunction, lang: string, m: number, units: Units): string {
  return units === 'imperial'
    ? t('units.in', { value: number(m / M_PER_IN, lang) })
    : t('units.cm', { value: number(m * 100, lang) });
}
