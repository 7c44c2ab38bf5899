import type { Me, Problem } from '@puente/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../app/api';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';
import { ProblemAlert } from '../ui/Messages';
import { PageHeading } from '../ui/PageHeading';
import { EraseCopy } from './EraseCopy';
import { PinScreen } from './PinScreen';
import { fetchShare } from './recovery';
import { begin, idleSinceLastUse, keepsCaseload, lock, onLock, unlocked } from './session';
import { LocalStore } from './store';
import { needsRecovery, peekVault, resumeVault, waitingChanges, wipeDevice } from './vault';

type Phase =
  | { is: 'checking' | 'set' | 'unlock' | 'ready' }
  | { is: 'recover'; share: string }
  | { is: 'recoverFailed'; problem: Problem }
  /** Someone else's copy, with changes that never reached the server. */
  | { is: 'otherCopy'; waiting: number };

interface Props {
  me: Me;
  /** The sign-in just looked and found no copy on this phone: the PIN is chosen without looking again. */
  noCopy?: boolean;
  children: ComponentChildren;
  /** Erase the phone's copy and sign out (the PIN was forgotten, or wrong five times). */
  onErase: () => void;
  /** Sign in again with the password, to open the copy with the server's share and choose a new PIN. */
  onRecover: () => void;
}

/**
 * Between sign-in and the app: a caseworker sets a PIN (first time on this
 * phone), enters it, or, after a forgotten PIN and a fresh password sign-in,
 * chooses a new one; the screens then work from the phone's copy.
 * Other roles keep nothing on the phone and pass straight through.
 */
export function OfflineGate({ me, noCopy = false, children, onErase, onRecover }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const [phase, setPhase] = useState<Phase>(() => ({
    is:
      !keepsCaseload(me.role) || unlocked()?.store.vault.userId === me.id
        ? 'ready'
        : // Opening the phone's store again costs a cheap phone a visible pause before the PIN screen.
          noCopy
          ? 'set'
          : 'checking',
  }));

  useEffect(() => onLock(() => setPhase({ is: 'unlock' })), []);

  useEffect(() => {
    if (phase.is !== 'checking') return;
    void peekVault().then(async (vault) => {
      if (vault?.userId === me.id) {
        // A reload in the same tab since the last unlock opens without the PIN.
        const resumed = idleSinceLastUse() ? undefined : await resumeVault();
        if (resumed) return ready(await LocalStore.load(resumed));
        if (!needsRecovery(vault)) return setPhase({ is: 'unlock' });
        if (vault.recovery) {
          // The share lives only in memory, for as long as it takes to choose the new PIN.
          return fetchShare(vault.device).then(
            (share) => setPhase({ is: 'recover', share }),
            (error: unknown) => setPhase({ is: 'recoverFailed', problem: toProblem(error) }),
          );
        }
      }
      // Another person's unsent changes are not erased without a word and a second press.
      const waiting = vault && vault.userId !== me.id ? await waitingChanges() : 0;
      if (waiting > 0) return setPhase({ is: 'otherCopy', waiting });
      // Someone else's copy, one nothing can open any more, or none: it goes before this person's is made.
      if (vault) await wipeDevice();
      setPhase({ is: 'set' });
    });
  }, [phase, me.id]);

  const ready = async (store: LocalStore) => {
    await begin(store, me);
    setPhase({ is: 'ready' });
  };

  if (phase.is === 'ready') return <>{children}</>;
  if (phase.is === 'checking') {
    return (
      <p class="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (phase.is === 'otherCopy') {
    const one = phase.waiting === 1;
    return (
      <main id="main" class="narrow">
        <PageHeading text={t('sync.otherCopyTitle')} />
        <div role="alert" class="alert">
          <p class="alert-title">
            {one ? t('sync.otherCopyOne') : t('sync.otherCopy', { count: phase.waiting })}
          </p>
        </div>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void session.signOut()}>
            {t('sync.otherCopySignOut')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => void wipeDevice().then(() => setPhase({ is: 'set' }))}
          >
            {one ? t('sync.eraseConfirmOne') : t('sync.eraseConfirm', { count: phase.waiting })}
          </button>
        </div>
      </main>
    );
  }
  if (phase.is === 'recoverFailed') {
    return (
      <main id="main" class="narrow">
        <PageHeading text={t('sync.recoverTitle')} />
        <ProblemAlert
          problem={{ ...phase.problem, title: t('sync.recoverFailed', { reason: phase.problem.title }) }}
        />
        <div class="actions">
          <button type="button" class="primary" onClick={onRecover}>
            {t('sync.signInAgain')}
          </button>
          <EraseCopy onErase={onErase} />
        </div>
      </main>
    );
  }
  return (
    <PinScreen
      mode={
        phase.is === 'set'
          ? { set: me }
          : phase.is === 'recover'
            ? { recover: { me, share: phase.share } }
            : { unlock: true }
      }
      onReady={(store) => void ready(store)}
      onRecover={onRecover}
      onErase={onErase}
    />
  );
}

/** Erases the phone's copy: after a forgotten PIN, five wrong ones, or an account that no longer exists. */
export async function eraseDevice(): Promise<void> {
  lock();
  await wipeDevice();
}
