import { type Locale, negotiateLocale, type PublicSafetyPlan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../app/i18n';
import { t } from '../../app/messages';
import { PlanDocument } from './PlanDocument';
import './safety-plans.css';

type State =
  | { kind: 'loading' }
  | { kind: 'plan'; plan: PublicSafetyPlan }
  | { kind: 'expired' | 'notFound' | 'offline' };

/** The token of a private link, from a path like `/safety-plan/AbC…`. */
export const publicPlanToken = (path: string) => /^\/safety-plan\/([\w-]{20,100})\/?$/.exec(path)?.[1];

/**
 * The person's own link to their plan: no sign-in, nothing written to the
 * phone (no cookies, no storage), readable on a small screen and printable.
 */
export function PublicPlanPage({ token }: { token: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const browser: Locale = negotiateLocale(navigator.languages.join(','));
  const lang = state.kind === 'plan' ? state.plan.language : browser;
  useMessages(lang);

  useEffect(() => {
    fetch(`/api/public/safety-plans/${encodeURIComponent(token)}`, {
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json', 'Accept-Language': browser },
    }).then(
      async (response) => {
        if (response.ok) setState({ kind: 'plan', plan: (await response.json()) as PublicSafetyPlan });
        else setState({ kind: response.status === 410 ? 'expired' : 'notFound' });
      },
      () => setState({ kind: 'offline' }),
    );
  }, [token, browser]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = state.kind === 'plan' ? state.plan.title : t(lang, 'app.name');
  }, [lang, state]);

  let body = <p role="status">{t(lang, 'safetyPlan.publicLoading')}</p>;
  if (state.kind === 'plan') {
    body = (
      <PlanDocument
        lang={state.plan.language}
        title={state.plan.title}
        sections={state.plan.sections}
        level={1}
      />
    );
  } else if (state.kind === 'expired' || state.kind === 'notFound') {
    const [title, text] =
      state.kind === 'expired'
        ? (['safetyPlan.expiredTitle', 'safetyPlan.expiredBody'] as const)
        : (['safetyPlan.notFoundTitle', 'safetyPlan.notFoundBody'] as const);
    body = (
      <>
        <h1 id="page-heading">{t(lang, title)}</h1>
        <p>{t(lang, text)}</p>
        <p>{t(lang, 'safetyPlan.inCrisis')}</p>
      </>
    );
  } else if (state.kind === 'offline') {
    body = (
      <>
        <h1 id="page-heading">{t(lang, 'app.name')}</h1>
        <p role="alert">{t(lang, 'safetyPlan.offline')}</p>
      </>
    );
  }
  return (
    <>
      <main id="main" class="public-plan">
        {body}
      </main>
      <footer class="public-footer no-print">
        <p>{t(lang, 'safetyPlan.publicFooter')}</p>
      </footer>
    </>
  );
}
