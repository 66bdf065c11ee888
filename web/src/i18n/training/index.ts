import i18n from 'i18next';
import en from './en';
import ru from './ru';

/*
 * Exercise notes and supersets in the logger, the exercise page's steps and body diagram, and
 * the question before assigning a plan over another bring their strings along: importing this
 * module (from the screens that show them) adds them to the app's translations, so the first
 * page does not carry them.
 */
export const TRAINING_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(TRAINING_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
