import i18n from 'i18next';
import en from './en';
import ru from './ru';

/*
 * Feedback and the set-password page bring their strings along: importing this module (from
 * the screens that show them) adds them to the app's translations, so the first page does not
 * carry them.
 */
export const FEEDBACK_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(FEEDBACK_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
