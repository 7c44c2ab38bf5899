import { type Locale, negotiateLocale, type PublicResourcePage } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../app/i18n';
import { t } from '../../../app/messages';
import { formatDay } from '../../../ui/format';
import { CrisisLines } from '../../education/public/CrisisLines';
import { ResourceDetails } from '../ResourceDetails';
import '../../education/education.css';
import '../directory.css';

type State =
  | { kind: 'loading' }
  | { kind: 'page'; page: PublicResourcePage }
  | { kind: 'expired' | 'notFound' | 'offline' };

/** The token of a private page, from a path like `/resources/AbC…`. */
export const resourcePageToken = (path: string) => /^\/resources\/([\w-]{20,100})\/?$/.exec(path)?.[1];

/**
 * The services a CHW chose for a person, in the language chosen: no sign-in,
 * nothing written to the phone, readable at 360 px and printable. It names no one.
 */
export function ResourcePage({ token }: { token: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const browser: Locale = negotiateLocale(navigator.languages.join(','));
  const lang = state.kind === 'page' ? state.page.language : browser;
  useMessages(lang);
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(lang, key, params);

  useEffect(() => {
    if (!token) return setState({ kind: 'notFound' });
    fetch(`/api/public/resource-links/${encodeURIComponent(token)}`, {
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json', 'Accept-Language': browser },
    }).then(
      async (response) => {
        if (response.ok) setState({ kind: 'page', page: (await response.json()) as PublicResourcePage });
        else setState({ kind: response.status === 410 ? 'expired' : 'notFound' });
      },
      () => setState({ kind: 'offline' }),
    );
  }, [token, browser]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, state.kind === 'page' ? 'directory.publicTitle' : 'app.name');
  }, [lang, state]);

  let body = <p role="status">{tr('directory.publicLoading')}</p>;
  if (state.kind === 'page') {
    const { page } = state;
    body = (
      <>
        <h1>{tr('directory.publicTitle')}</h1>
        <p>{tr('directory.publicIntro')}</p>
        <p class="resource-page-until">
          {tr('directory.publicUntil', { date: formatDay(lang, page.expiresOn) })}
        </p>
        <ul class="resource-page-list">
          {page.resources.map((r, i) => (
            <li key={`${i}-${r.name}`} class="card resource-sheet" aria-labelledby={`place-${i}`}>
              <h2 id={`place-${i}`}>{r.name}</h2>
              {r.organizationName && r.organizationName !== r.name && <p>{r.organizationName}</p>}
              {r.description && <p>{r.description}</p>}
              <ResourceDetails resource={r} lang={lang} links />
            </li>
          ))}
        </ul>
        {page.crisisLines.length > 0 && <CrisisLines lines={page.crisisLines} tr={tr} />}
        <p class="no-print">
          <button type="button" onClick={() => print()}>
            {tr('directory.handoutPrint')}
          </button>
        </p>
      </>
    );
  } else if (state.kind === 'expired' || state.kind === 'notFound') {
    const [title, text] =
      state.kind === 'expired'
        ? (['directory.publicExpiredTitle', 'directory.publicExpiredBody'] as const)
        : (['directory.publicNotFoundTitle', 'directory.publicNotFoundBody'] as const);
    body = (
      <>
        <h1>{tr(title)}</h1>
        <p>{tr(text)}</p>
        <p>{tr('safetyPlan.inCrisis')}</p>
      </>
    );
  } else if (state.kind === 'offline') {
    body = (
      <>
        <h1>{tr('app.name')}</h1>
        <p role="alert">{tr('directory.publicOffline')}</p>
      </>
    );
  }
  return (
    <>
      <main id="main" class="public-page resource-page">
        {body}
      </main>
      <footer class="public-footer no-print">
        <p>{tr('directory.publicFooter')}</p>
      </footer>
    </>
  );
}
