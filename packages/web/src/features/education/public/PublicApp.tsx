import { type Locale, negotiateLocale } from '@puente/core';
import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { setRequestLocale } from '../../../app/api';
import { useMessages } from '../../../app/i18n';
import { t } from '../../../app/messages';
import { usePath } from '../../../app/router';
import '../../../styles.css';
import '../education.css';
import { CheckPage } from '../../outreach/public/CheckPage';
import { HelpPage } from './HelpPage';
import { LearnPage } from './LearnPage';
import type { PublicProps } from './public-props';

/** Paths people open without an account: a shared topic, a program's help page, an event's questions. */
export const isPublicPath = (path: string) => /^\/(learn|help|e)\/[^/]+/.test(path);

/**
 * The public pages. They keep their language in memory only: nothing is
 * stored, no cookie is set, no service worker is installed.
 */
function PublicApp() {
  const path = usePath();
  const [locale, setLocaleState] = useState<Locale>(() => negotiateLocale(navigator.languages.join(',')));
  useMessages(locale);
  setRequestLocale(locale);
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const props: PublicProps = {
    locale,
    setLocale: setLocaleState,
    tr: (key, params) => t(locale, key, params),
  };
  const [, kind, first = '', second] = path.split('/');
  return (
    <main id="main" class="public-page">
      {kind === 'learn' && <LearnPage token={first} {...props} />}
      {kind === 'help' && <HelpPage slug={first} topicId={second} {...props} />}
      {kind === 'e' && <CheckPage code={first} {...props} />}
    </main>
  );
}

export function mountPublic(root: HTMLElement): void {
  render(<PublicApp />, root);
}
