import i18n from 'i18next';
import '../feedback';
import en from './en';
import ru from './ru';

/*
 * The admin screens bring their strings along (and feedback's, for the inbox): importing this
 * module adds them to the app's translations, merged into the `admin` strings already there.
 */
export const ADMIN_STRINGS = { en, ru };

for (const [lng, strings] of Object.entries(ADMIN_STRINGS)) {
  i18n.addResourceBundle(lng, 'translation', strings, true, false);
}
