import type { Me } from '@puente/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ChooseOwnPassword } from '../features/password/ChooseOwnPassword';
import { SignInScreen } from '../features/signin/SignInScreen';
import { FinishSignIn } from '../features/two-factor/FinishSignIn';
import { eraseDevice, OfflineGate } from '../offline/OfflineGate';
import { PinScreen } from '../offline/PinScreen';
import { mustErase } from '../offline/recovery';
import { begin, idleSinceLastUse, lock, onErased } from '../offline/session';
import { LocalStore } from '../offline/store';
import { forgetPin, peekVault, resumeVault, wipeDevice } from '../offline/vault';
import { ApiError, api, setSessionEndedHandler, toProblem } from './api';
import { firstPaint } from './first-paint';
import { useI18n } from './i18n';
import { navigate } from './router';
import { Shell } from './Shell';
import { preloadScreen } from './screens';
import { SessionContext } from './session';
import { whenIdle } from './when-idle';

type Session =
  | { state: 'loading' }
  /** `erased`: the server said this phone must erase its copy (a disabled device or account). */
  | { state: 'signedOut'; ended: boolean; erased?: boolean }
  /** `noCopy`: the sign-in found no copy on the phone, so a caseworker goes straight to choosing a PIN. */
  | { state: 'signedIn'; me: Me; noCopy?: boolean }
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
    () => (me: Me, noCopy?: boolean) => {
      // In the person's language from their first screen: its words load first (at once when already here).
      void setLocale(me.locale).then(() =>
        setSession({ state: 'signedIn', me, ...(noCopy ? { noCopy } : {}) }),
      );
    },
    [setLocale],
  );

  useEffect(() => {
    setSessionEndedHandler(() => {
      lock();
      setSession({ state: 'signedOut', ended: true });
    });
    const stopErased = onErased(() => setSession({ state: 'signedOut', ended: false, erased: true }));
    if (firstPaint()) {
      // Signed out with a copy on the phone: the server may say the copy must go (a disabled account).
      void eraseIfTold().then((erased) => {
        if (erased) setSession({ state: 'signedOut', ended: false, erased: true });
      });
      return stopErased;
    }
    api<Me>('GET', '/api/auth/me')
      .then(signedIn)
      .catch(async (error) => {
        if (toProblem(error).status === 401 && (await eraseIfTold())) {
          return setSession({ state: 'signedOut', ended: false, erased: true });
        }
        const noSignal = toProblem(error).code === 'network' && (await peekVault().catch(() => undefined));
        const resumed =
          noSignal && !idleSinceLastUse() ? await resumeVault().catch(() => undefined) : undefined;
        if (resumed) {
          const store = await LocalStore.load(resumed);
          await begin(store, store.state.me);
          return signedIn(store.state.me);
        }
        setSession(noSignal ? { state: 'offline' } : { state: 'signedOut', ended: false });
      });
    return stopErased;
  }, [signedIn]);

  // The first screen's code loads while the PIN is asked or the copy opens, not after; and once
  // the PIN screen is painted, not in its way (on a slow phone it held that screen up by a third).
  useEffect(() => {
    if (session.state === 'offline') return whenIdle(() => preloadScreen(location.pathname));
    if (session.state === 'signedIn') {
      const { role } = session.me;
      return whenIdle(() => preloadScreen(location.pathname, role));
    }
    return undefined;
  }, [session]);

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
  // A forgotten PIN: the PIN stops opening the copy, and a fresh password sign-in on this phone will.
  const recover = async () => {
    await forgetPin().catch(() => undefined);
    lock();
    await api<undefined>('POST', '/api/auth/sign-out', {}).catch(() => undefined);
    setSession({ state: 'signedOut', ended: false });
  };
  if (session.state === 'offline') {
    return (
      <PinScreen
        mode={{ unlock: true }}
        onReady={(store) => void begin(store, store.state.me).then(() => signedIn(store.state.me))}
        onRecover={() => void recover()}
        onErase={() => void erase()}
      />
    );
  }
  if (!value) {
    return (
      <SignInScreen
        sessionEnded={session.state === 'signedOut' && session.ended}
        erased={session.state === 'signedOut' && session.erased === true}
        onSignedIn={signedIn}
      />
    );
  }
  // A password alone, while a second factor (or setting one up) is due, opens only the way to finish.
  if (value.me.stage) {
    return <FinishSignIn me={value.me} onDone={signedIn} signOut={() => void value.signOut()} />;
  }
  // A password someone else set: the person chooses their own before anything else opens.
  if (value.me.mustChangePassword) {
    return <ChooseOwnPassword me={value.me} onDone={signedIn} signOut={() => void value.signOut()} />;
  }
  return (
    <SessionContext.Provider value={value}>
      <OfflineGate
        me={value.me}
        noCopy={session.state === 'signedIn' && session.noCopy === true}
        onErase={() => void erase()}
        onRecover={() => void recover()}
      >
        <Shell />
      </OfflineGate>
    </SessionContext.Provider>
  );
}

/** Erases the phone's copy when the server says it must go; true when it did. */
async function eraseIfTold(): Promise<boolean> {
  const vault = await peekVault().catch(() => undefined);
  if (!vault || !(await mustErase(vault.device))) return false;
  await wipeDevice();
  return true;
}
