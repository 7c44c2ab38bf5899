import type { Me } from '@puente/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { SignInScreen } from '../features/signin/SignInScreen';
import { eraseDevice, OfflineGate } from '../offline/OfflineGate';
import { PinScreen } from '../offline/PinScreen';
import { begin, lock } from '../offline/session';
import { LocalStore } from '../offline/store';
import { peekVault, resumeVault } from '../offline/vault';
import { ApiError, api, setSessionEndedHandler, toProblem } from './api';
import { firstPaint } from './first-paint';
import { useI18n } from './i18n';
import { navigate } from './router';
import { Shell } from './Shell';
import { SessionContext } from './session';

type Session =
  | { state: 'loading' }
  | { state: 'signedOut'; ended: boolean }
  | { state: 'signedIn'; me: Me }
  // No signal at start-up, with a locked copy on the phone: the PIN opens it.
  | { state: 'offline' };

/** Decides between sign-in and the signed-in shell, and keeps the UI in the person's language. */
export function App() {
  const { t, setLocale } = useI18n();
  // A page painted with the sign-in form was served to someone without a session: no need to ask.
  const [session, setSession] = useState<Session>(() =>
    firstPaint() ? { state: 'signedOut', ended: false } : { state: 'loading' },
  );

  const signedIn = useMemo(
    () => (me: Me) => {
      setLocale(me.locale);
      setSession({ state: 'signedIn', me });
    },
    [setLocale],
  );

  useEffect(() => {
    setSessionEndedHandler(() => {
      lock();
      setSession({ state: 'signedOut', ended: true });
    });
    if (firstPaint()) return;
    api<Me>('GET', '/api/auth/me')
      .then(signedIn)
      .catch(async (error) => {
        const noSignal = toProblem(error).code === 'network' && (await peekVault().catch(() => undefined));
        const resumed = noSignal ? await resumeVault().catch(() => undefined) : undefined;
        if (resumed) {
          const store = await LocalStore.load(resumed);
          await begin(store, store.state.me);
          return signedIn(store.state.me);
        }
        setSession(noSignal ? { state: 'offline' } : { state: 'signedOut', ended: false });
      });
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
        lock();
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
  const erase = async () => {
    await eraseDevice();
    await api<undefined>('POST', '/api/auth/sign-out', {}).catch(() => undefined);
    setSession({ state: 'signedOut', ended: false });
  };
  if (session.state === 'offline') {
    return (
      <PinScreen
        mode={{ unlock: true }}
        onReady={(store) => void begin(store, store.state.me).then(() => signedIn(store.state.me))}
        onErase={() => void erase()}
      />
    );
  }
  if (!value) {
    return (
      <SignInScreen sessionEnded={session.state === 'signedOut' && session.ended} onSignedIn={signedIn} />
    );
  }
  return (
    <SessionContext.Provider value={value}>
      <OfflineGate me={value.me} onErase={() => void erase()}>
        <Shell />
      </OfflineGate>
    </SessionContext.Provider>
  );
}
