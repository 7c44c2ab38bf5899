// The base styles first, so each feature's own stylesheet, loaded with its code, comes after them.
import './styles.css';
import { accountPageOf, type Locale, negotiateLocale, publicPageOf } from '@puente/core';
import { render } from 'preact';
import { App } from './app/App';
import { paintedLocale, takeFirstPaint } from './app/first-paint';
import { I18nProvider, initialLocale } from './app/i18n';
import { loadMessages } from './app/messages';

const root = document.getElementById('app');
const page = publicPageOf(location.pathname);
// A person's private link to their safety plan: no sign-in, no session, nothing kept on their phone.
const publicPlan = page === 'safety-plan';
// Shared topics, a program's "find help" page and an event's questions: the same, for community education.
const publicEducation = page === 'education';
// A private page of services a CHW made for a person: the same again, for the resource directory.
const publicResources = page === 'resources';
// Choosing a password from an emailed link, or asking for one: no session needed, none of the signed-in app.
const accountPage = accountPageOf(location.pathname);

// One language's messages load before the first render (the other only if the person switches);
// meanwhile the sign-in form the server painted stays on the page and works on its own.
const publicLocale = (): Locale => negotiateLocale(navigator.languages.join(','));
const firstLocale =
  page && !accountPage ? publicLocale() : ((root && paintedLocale(root)) ?? initialLocale());
// Should that chunk fail to arrive, English is tried, and the page renders either way.
const messages = loadMessages(firstLocale)
  .catch(() => loadMessages('en'))
  .catch(() => undefined);

if (root && accountPage) {
  void Promise.all([import('./features/password/AccountPages'), messages]).then(([m]) =>
    m.mountAccountPage(root, accountPage),
  );
} else if (root && publicEducation) {
  void Promise.all([import('./features/education/public/PublicApp'), messages]).then(([m]) =>
    m.mountPublic(root),
  );
} else if (root && publicResources) {
  void Promise.all([import('./features/directory/public/ResourcePage'), messages]).then(
    ([{ ResourcePage, resourcePageToken }]) =>
      render(<ResourcePage token={resourcePageToken(location.pathname) ?? ''} />, root),
  );
} else if (root && publicPlan) {
  void Promise.all([import('./features/safety-plans/PublicPlanPage'), messages]).then(
    ([{ PublicPlanPage, publicPlanToken }]) =>
      render(<PublicPlanPage token={publicPlanToken(location.pathname) ?? ''} />, root),
  );
} else if (root) {
  void messages.then(() => {
    // The sign-in form the server painted into the page, taken over with whatever was typed in it.
    if (!page && !accountPage) takeFirstPaint(root);
    render(
      <I18nProvider>
        <App />
      </I18nProvider>,
      root,
    );
  });
}

// Only built apps get the worker: in development it would serve stale modules.
if (
  import.meta.env.PROD &&
  !publicPlan &&
  !publicEducation &&
  !publicResources &&
  'serviceWorker' in navigator
) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // The app works without it; it only loses the offline shell.
    });
  });
}
