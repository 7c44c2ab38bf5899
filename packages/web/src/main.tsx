import { render } from 'preact';
import { App } from './app/App';
import { I18nProvider } from './app/i18n';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
    root,
  );
}

// Only built apps get the worker: in development it would serve stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // The app works without it; it only loses the offline shell.
    });
  });
}
