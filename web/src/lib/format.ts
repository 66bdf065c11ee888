import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';

function safeFormat(lang: string, options: Intl.DateTimeFormatOptions, timeZone?: string) {
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(lang, options);
  }
}

/** Date formatting in the UI language and the user's chosen time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { data } = useMe();
  const timeZone = data?.me.preferences.timezone || undefined;
  const lang = i18n.language;
  const dateFmt = safeFormat(lang, { dateStyle: 'medium' }, timeZone);
  const dateTimeFmt = safeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);
  return {
    date: (iso: string) => dateFmt.format(new Date(iso)),
    dateTime: (iso: string) => dateTimeFmt.format(new Date(iso)),
  };
}

/** How to name someone else: their display name, else `@username`. */
export const personName = (u: { username: string; display_name: string }) => u.display_name || `@${u.username}`;
