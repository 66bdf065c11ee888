import type { TFunction } from 'i18next';
import { fieldErrorMessage, fieldProblem } from './problemText';

/**
 * Why the server refused a new password, for the field: its own sentence (it says what made the
 * password weak, e.g. "contains the username") when the app speaks English, the translated
 * rule otherwise. Undefined when the error is not about `field`.
 */
export function passwordRefusal(t: TFunction, lang: string, error: unknown, field = 'password'): string | undefined {
  const fe = fieldProblem(error, field);
  if (!fe) return undefined;
  return lang.startsWith('en') && fe.message ? fe.message : fieldErrorMessage(t, fe);
}
