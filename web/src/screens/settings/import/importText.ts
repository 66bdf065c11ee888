import type { TFunction } from 'i18next';
import { ApiProblem } from '../../../api/problem';
import { problemMessage } from '../../../lib/problemText';

/**
 * What went wrong with an import call: the server's own sentences when it explains a field
 * (a file that is not that app's export, names still without an exercise), else the translated
 * problem.
 */
export function importProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiProblem && error.errors.length > 0) {
    return error.errors.map((e) => e.message || t('errors.validation_failed')).join(' ');
  }
  return problemMessage(t, error);
}
