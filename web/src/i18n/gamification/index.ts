import i18n from 'i18next';
import en from './en';
import ru from './ru';

/*
 * Achievements, leaderboards and challenges bring their strings along: importing this module
 * (from the screens and cards that show them) adds them to the app's translations, so the first
 * page does not carry them.
 */
export const GAMIFICATION_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(GAMIFICATION_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
