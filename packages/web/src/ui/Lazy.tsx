import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';

/** A component whose code loads on first use; `preload()` starts loading it now. */
export type LazyComponent<P> = FunctionComponent<P> & { preload: () => Promise<void> };

/**
 * A component whose code loads on first use, so the first screen stays small.
 * The service worker precaches every built chunk, so it opens offline too.
 * @example const ScreeningScreen = lazy(() => import('./ScreeningScreen').then((m) => m.ScreeningScreen));
 */
export function lazy<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  let pending: Promise<FunctionComponent<P>> | undefined;
  const get = () => {
    pending ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return pending;
  };
  // A failed import stays failed in the module graph's cache: let the next try load again.
  const forget = () => {
    pending = undefined;
  };
  function Lazy(props: P) {
    const { t } = useI18n();
    const [Component, setComponent] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      get().then(
        (c) => setComponent(() => c),
        () => {
          forget();
          setFailed(true);
        },
      );
    }, [Component]);
    if (Component) return <Component {...props} />;
    return (
      <p class="loading" role="status">
        {failed ? t('app.networkError') : t('app.loading')}
      </p>
    );
  }
  return Object.assign(Lazy, { preload: () => get().then(() => undefined, forget) });
}
