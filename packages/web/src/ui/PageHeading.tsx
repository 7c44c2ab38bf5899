import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../app/i18n';

/**
 * The one h1 of a screen. It can take focus (the shell moves focus here on navigation)
 * and names the browser tab.
 */
export function PageHeading({ text, children }: { text: string; children?: ComponentChildren }) {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${text} · ${appName}`;
  }, [text, appName]);
  return (
    <h1 id="page-heading" tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
