import i18n from 'i18next';
import en from './en';
import ru from './ru';

/*
 * The import screen brings its strings along: importing this module (from that screen) adds them
 * to the app's translations, so the first page does not carry them.
 */
export const IMPORT_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(IMPORT_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
