import type { Locale, t } from '@puente/core';

/** What every public page gets from the public app: the page's language, a way to change it and a translator. */
export interface PublicProps {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  tr: (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => string;
}
