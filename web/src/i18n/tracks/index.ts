import i18n from 'i18next';
import en from './en';
import ru from './ru';

/*
 * The route card of a workout brings its strings along: importing this module (from that card)
 * adds them to the app's translations, so the first page does not carry them.
 */
export const TRACK_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(TRACK_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
