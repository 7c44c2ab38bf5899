import { render } from 'preact';
import { App } from './app/App';
import { I18nProvider } from './app/i18n';
import './styles.css';

const root = document.getElementById('app');
// A person's private link to their safety plan: no sign-in, no session, nothing kept on their phone.
const publicPlan = location.pathname.startsWith('/safety-plan/');

// Shared topics, a program's "find help" page and an event's questions: the same, for community education.
const publicEducation = /^\/(learn|help|e)\/[^/]+/.test(location.pathname);

if (root && publicEducation) {
  void import('./features/education/public/PublicApp').then((m) => m.mountPublic(root));
} else if (root && publicPlan) {
  void import('./features/safety-plan/PublicPlanPage').then(({ PublicPlanPage, publicPlanToken }) =>
    render(<PublicPlanPage token={publicPlanToken(location.pathname) ?? ''} />, root),
  );
} else if (root) {
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
    root,
  );
}

// Only built apps get the worker: in development it would serve stale modules.
if (import.meta.env.PROD && !publicPlan && !publicEducation && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // The app works without it; it only loses the offline shell.
    });
  });
}
