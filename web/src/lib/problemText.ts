import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiProblem, type FieldError } from '../api/problem';

/** A translated sentence for a failed call, keyed by the problem `type`. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiProblem)) return t('errors.unexpected');
  if (error.type === 'rate_limited' && error.retryAfter) {
    return error.retryAfter > 90
      ? t('errors.rate_limited_minutes', { count: Math.ceil(error.retryAfter / 60) })
      : t('errors.rate_limited_retry', { count: error.retryAfter });
  }
  if (error.type === 'account_disabled' && error.reason) return t('errors.account_suspended', { reason: error.reason });
  const key = `errors.${error.type}`;
  if (i18n.exists(key)) return t(key);
  if (error.status >= 500) return t('errors.server_error');
  return t('errors.unexpected_status', { status: error.status });
}

/** The first field error the server reported for `field`, with its machine-readable `code`. */
export function fieldProblem(error: unknown, field: string): FieldError | undefined {
  return error instanceof ApiProblem ? error.errors.find((e) => e.field === field) : undefined;
}

/**
 * A translated sentence for one field error: by its specific `code` (e.g. `unknown_user`) when
 * there is one, else by the field's name, else the server's own wording.
 */
export function fieldErrorMessage(t: TFunction, fe: FieldError): string {
  if (fe.code && fe.code !== 'invalid' && i18n.exists(`fieldCodes.${fe.code}`)) return t(`fieldCodes.${fe.code}`);
  const name = fe.field.split('.').pop() ?? fe.field;
  const key = `fieldErrors.${name}`;
  return i18n.exists(key) ? t(key) : fe.message || t('errors.validation_failed');
}

export interface FormErrors {
  /** Message for the form as a whole (shown above the submit button). */
  form: string | null;
  /** Messages per form field name. */
  fields: Record<string, string>;
}

/**
 * Spreads a problem over a form: per-field `errors` and field-specific problem types
 * (e.g. `username_taken` → username) go next to their field, the rest to the form.
 */
export function formErrors(
  t: TFunction,
  error: unknown,
  fieldNames: readonly string[],
  typeToField: Record<string, string> = {},
): FormErrors {
  const result: FormErrors = { form: null, fields: {} };
  if (!error) return result;
  if (!(error instanceof ApiProblem)) return { form: t('errors.unexpected'), fields: {} };
  const unplaced: string[] = [];
  for (const fe of error.errors) {
    const name = fe.field.split('.').pop() ?? fe.field;
    const target = fieldNames.includes(fe.field) ? fe.field : fieldNames.includes(name) ? name : null;
    const message = fieldErrorMessage(t, fe);
    if (target && !result.fields[target]) result.fields[target] = message;
    else if (!target) unplaced.push(message);
  }
  const typeField = typeToField[error.type];
  if (typeField) {
    result.fields[typeField] = problemMessage(t, error);
  } else if (error.errors.length === 0 || unplaced.length > 0) {
    result.form = unplaced.length > 0 ? unplaced.join(' ') : problemMessage(t, error);
  }
  return result;
}
