import type { TFunction } from 'i18next';
import type { FieldError } from '../../api/problem';

/**
 * A server's refusal of one field, where the app has no sentence of its own for the field: the
 * server's words in English, else the translated `fallback` (the server speaks English only).
 */
export function fieldRefusal(t: TFunction, lang: string, fe: FieldError, fallback: string): string {
  return lang.startsWith('en') && fe.message ? fe.message : t(fallback);
}
