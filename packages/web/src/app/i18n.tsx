import { isLocale, type Locale, type MessageKey, type MessageParams, negotiateLocale } from '@puente/core';
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { setRequestLocale } from './api';
import { firstPaint } from './first-paint';
import { loadMessages, messagesLoaded, t } from './messages';

const STORAGE_KEY = 'puente.locale';

/** The language of the page the server painted, else the one chosen on this device, else the browser's. */
export function initialLocale(): Locale {
  const painted = firstPaint();
  if (painted) return painted.locale;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode); the browser's language is a fine fallback.
  }
  return negotiateLocale(navigator.languages.join(','));
}

interface I18n {
  locale: Locale;
  /** Switches once the language's messages are here; resolves then (or at once, staying put, when they cannot load). */
  setLocale: (locale: Locale) => Promise<void>;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n>({
  locale: 'en',
  setLocale: () => Promise.resolve(),
  t: (key, params) => t('en', key, params),
});

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback(async (next: Locale) => {
    try {
      await loadMessages(next);
    } catch {
      // No signal and nothing cached: the screen stays in the language it has words for.
      return;
    }
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered on this device; the server still remembers it per user.
    }
    // So the sign-in form the server paints into the page is in this language too.
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server only for the sign-in page.
    document.cookie = `puente_lang=${next}; path=/; max-age=31536000; samesite=lax`;
  }, []);

  // Set before children render, so their first requests already speak the new language.
  setRequestLocale(locale);
  // Before paint, so a screen reader never reads Spanish words with English rules.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => t(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, a way to change it and a translator bound to it. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * Whether a language's messages are here, loading them if not and re-rendering when they
 * arrive: for words in another language than the screen's (a plan in the person's language).
 * @example const ready = useMessages(plan.lang); … t(plan.lang, 'safetyPlan.inCrisis')
 */
export function useMessages(locale: Locale): boolean {
  const ready = messagesLoaded(locale);
  const [, arrived] = useState(0);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadMessages(locale).then(
      () => live && arrived((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locale, ready]);
  return ready;
}
