import type { Me } from '@puente/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { PinScreen } from './PinScreen';
import { begin, keepsCaseload, lock, onLock, unlocked } from './session';
import { LocalStore } from './store';
import { peekVault, resumeVault, wipeDevice } from './vault';

type Phase = 'checking' | 'set' | 'unlock' | 'ready';

interface Props {
  me: Me;
  children: ComponentChildren;
  /** Erase the phone's copy and sign out (the PIN was forgotten, or wrong five times). */
  onErase: () => void;
}

/**
 * Between sign-in and the app: a caseworker sets a PIN (first time on this
 * phone) or enters it, and the screens then work from the phone's copy.
 * Other roles keep nothing on the phone and pass straight through.
 */
export function OfflineGate({ me, children, onErase }: Props) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>(() =>
    !keepsCaseload(me.role) || unlocked()?.store.vault.userId === me.id ? 'ready' : 'checking',
  );

  useEffect(() => onLock(() => setPhase('unlock')), []);

  useEffect(() => {
    if (phase !== 'checking') return;
    void peekVault().then(async (vault) => {
      if (vault?.userId === me.id) {
        // A reload in the same tab since the last unlock opens without the PIN.
        const resumed = await resumeVault();
        if (resumed) return ready(await LocalStore.load(resumed));
        return setPhase('unlock');
      }
      // Someone else's copy (or none): it goes before this person's is made.
      if (vault) await wipeDevice();
      setPhase('set');
    });
  }, [phase, me.id]);

  const ready = async (store: LocalStore) => {
    await begin(store, me);
    setPhase('ready');
  };

  if (phase === 'ready') return <>{children}</>;
  if (phase === 'checking') {
    return (
      <p class="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <PinScreen
      mode={phase === 'set' ? { set: me } : { unlock: true }}
      onReady={(store) => void ready(store)}
      onErase={onErase}
    />
  );
}

/** Erases the phone's copy: after a forgotten PIN, five wrong ones, or an account that no longer exists. */
export async function eraseDevice(): Promise<void> {
  lock();
  await wipeDevice();
}
