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
    /** "now", "5 minutes ago", "3 hours ago" within a day; the date and time after that. */
    ago: (iso: string, now = Date.now()) => {
      const seconds = (now - Date.parse(iso)) / 1000;
      if (!(seconds < 86_400)) return dateTimeFmt.format(new Date(iso));
      const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
      if (seconds < 60) return rtf.format(0, 'second');
      if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
      return rtf.format(-Math.floor(seconds / 3600), 'hour');
    },
  };
}

/** How to name someone else: their display name, else `@username`. */
export const personName = (u: { username: string; display_name: string }) => u.display_name || `@${u.username}`;
