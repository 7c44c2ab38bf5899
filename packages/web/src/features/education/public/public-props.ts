import type { Locale, MessageKey, MessageParams } from '@puente/core';

/** What every public page gets from the public app: the page's language, a way to change it and a translator. */
export interface PublicProps {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  tr: (key: MessageKey, params?: MessageParams) => string;
}
