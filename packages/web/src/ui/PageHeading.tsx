import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../app/i18n';

// Set when the shell moved to a screen whose heading was not there yet (its code still loading).
let focusWhenShown = false;

/**
 * Moves focus to the screen's heading after a navigation; for a screen still
 * loading, the heading takes focus when it appears.
 * @example useEffect(() => focusPageHeading(mainRef.current), [path]);
 */
export function focusPageHeading(within: HTMLElement | null): void {
  const heading = within?.querySelector<HTMLElement>('#page-heading');
  focusWhenShown = !heading;
  heading?.focus();
}

/**
 * The one h1 of a screen. It can take focus (the shell moves focus here on navigation)
 * and names the browser tab.
 */
export function PageHeading({ text, children }: { text: string; children?: ComponentChildren }) {
  const { t } = useI18n();
  const appName = t('app.name');
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${appName}`;
  }, [text, appName]);
  useEffect(() => {
    if (!focusWhenShown) return;
    focusWhenShown = false;
    ref.current?.focus();
  }, []);
  return (
    <h1 id="page-heading" tabIndex={-1} ref={ref}>
      {children ?? text}
    </h1>
  );
}
