import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';

/**
 * A component whose code loads on first use, so the first screen stays small.
 * The service worker precaches every built chunk, so it opens offline too.
 * @example const ScreeningScreen = lazy(() => import('./ScreeningScreen').then((m) => m.ScreeningScreen));
 */
export function lazy<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  let pending: Promise<FunctionComponent<P>> | undefined;
  const get = () => {
    pending ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return pending;
  };
  return function Lazy(props: P) {
    const { t } = useI18n();
    const [Component, setComponent] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      get().then(
        (c) => setComponent(() => c),
        () => {
          // A failed import stays failed in the module graph's cache: let the next try load again.
          pending = undefined;
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
  };
}
