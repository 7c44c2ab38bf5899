import type { Me } from '@puente/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { SignInScreen } from '../features/signin/SignInScreen';
import { ApiError, api, setSessionEndedHandler } from './api';
import { useI18n } from './i18n';
import { navigate } from './router';
import { Shell } from './Shell';
import { SessionContext } from './session';

type Session = { state: 'loading' } | { state: 'signedOut'; ended: boolean } | { state: 'signedIn'; me: Me };

/** Decides between sign-in and the signed-in shell, and keeps the UI in the person's language. */
export function App() {
  const { t, setLocale } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const signedIn = useMemo(
    () => (me: Me) => {
      setLocale(me.locale);
      setSession({ state: 'signedIn', me });
    },
    [setLocale],
  );

  useEffect(() => {
    setSessionEndedHandler(() => setSession({ state: 'signedOut', ended: true }));
    api<Me>('GET', '/api/auth/me')
      .then(signedIn)
      .catch(() => setSession({ state: 'signedOut', ended: false }));
  }, [signedIn]);

  const value = useMemo(() => {
    if (session.state !== 'signedIn') return undefined;
    return {
      me: session.me,
      update: signedIn,
      signOut: async () => {
        try {
          await api<undefined>('POST', '/api/auth/sign-out', {});
        } catch (error) {
          // A session that already ended is as good as signed out.
          if (!(error instanceof ApiError && error.problem.status === 401)) throw error;
        }
        setSession({ state: 'signedOut', ended: false });
        // The next person to sign in on this phone starts at their own first screen.
        navigate('/', { replace: true });
      },
    };
  }, [session, signedIn]);

  if (session.state === 'loading') {
    return (
      <p class="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (!value) {
    return (
      <SignInScreen sessionEnded={session.state === 'signedOut' && session.ended} onSignedIn={signedIn} />
    );
  }
  return (
    <SessionContext.Provider value={value}>
      <Shell />
    </SessionContext.Provider>
  );
}
