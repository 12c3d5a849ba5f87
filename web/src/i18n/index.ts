/**
 * Dutch is the source language; English is the second (I3). The choice is remembered in
 * localStorage and <html lang> follows it, so that screen readers pronounce the text right.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, nl } from './resources';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'kring.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'nl';
  } catch {
    // Private modes may refuse localStorage; Dutch is the default then.
    return 'nl';
  }
}

export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered, but the switch still works for this visit.
  }
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'nl';
}

/** Starts i18next once; tests pass a fixed language. */
export function initI18n(language: Language = storedLanguage()) {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', (lng) => {
      document.documentElement.lang = lng === 'en' ? 'en' : 'nl';
    });
    void i18n.use(initReactI18next).init({
      resources: { nl: { translation: nl }, en: { translation: en } },
      lng: language,
      fallbackLng: 'nl',
      supportedLngs: [...languages],
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
    document.documentElement.lang = language;
  } else if (i18n.language !== language) {
    void i18n.changeLanguage(language);
  }
  return i18n;
}

export { i18n };
