import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import ru from './ru';

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'gymbox.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The language last chosen on this device (the switcher, or a profile's), if any. */
export function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // storage can be unavailable (private mode)
    return null;
  }
}

/** Before sign-in: the last choice on this device, else the browser's languages, else English. */
export function detectLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function initI18n(lng: Language = detectLanguage()) {
  if (!i18n.isInitialized) {
    i18n.use(initReactI18next);
    i18n.on('languageChanged', (l) => {
      if (typeof document !== 'undefined') document.documentElement.lang = l;
    });
  }
  void i18n.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    initAsync: false,
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18n;
}

/** Switches the UI language and remembers it on this device. */
export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not fatal
  }
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
}

export { isLanguage };
