import type { Me } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { ProblemAlert, StatusMessage } from '../ui/Messages';
import { PageHeading } from '../ui/PageHeading';
import { EraseCopy } from './EraseCopy';
import { PinField } from './PinField';
import { fetchShare } from './recovery';
import { loadLocal } from './session';
import { LocalStore } from './store';
import { pinProblem } from './tries';
import { createVault, peekVault, recoverVault, unlockVault } from './vault';

export type PinMode =
  /** A new copy for this person on this phone. */
  | { set: Me }
  /** The copy on the phone, opened with its PIN. */
  | { unlock: true }
  /** The copy opened with the device's share after a fresh sign-in: a new PIN protects it. */
  | { recover: { me: Me; share: string } };

interface Props {
  mode: PinMode;
  onReady: (store: LocalStore) => void;
  /** The PIN is forgotten (or used up): sign in again with the password to choose a new one. */
  onRecover: () => void;
  /** Erase the phone's copy and sign out. */
  onErase: () => void;
}

type Outcome = { wiped: true } | { lockedOut: number };

/** Sets the PIN (or passphrase) that protects the phone's copy, asks for it to unlock, or sets a new one. */
export function PinScreen({ mode, onReady, onRecover, onErase }: Props) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const setting = !('unlock' in mode);
  // Only a copy the server's share also wraps can be opened by signing in again.
  const [canRecover, setCanRecover] = useState(true);
  useEffect(() => {
    if (!setting) void peekVault().then((vault) => setCanRecover(vault?.recovery !== undefined));
  }, [setting]);
  // The code that works from the copy loads while the PIN is typed, not after the copy is open.
  useEffect(() => {
    void loadLocal().catch(() => undefined);
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (setting) {
      const problem = pinProblem(pin);
      if (problem) return setError(t(problem === 'short' ? 'sync.pinTooShort' : 'sync.pinTooLong'));
      if (pin !== repeat) return setError(t('sync.pinMismatch'));
    }
    setBusy(true);
    try {
      if ('set' in mode) {
        // The share comes first, for the new device id; without signal the copy is made without it.
        const device = crypto.randomUUID();
        const share = await fetchShare(device).catch(() => undefined);
        return onReady(await LocalStore.load(await createVault(mode.set, pin, device, share), mode.set));
      }
      if ('recover' in mode) {
        const opened = await recoverVault(mode.recover.share, pin);
        if (opened) return onReady(await LocalStore.load(opened, mode.recover.me));
        return setError(t('sync.recoverFailed', { reason: '' }));
      }
      const result = await unlockVault(pin, (device) => fetchShare(device));
      if ('db' in result) return onReady(await LocalStore.load(result));
      if ('wrong' in result) setError(t('sync.pinWrong', { left: result.wrong }));
      else setOutcome(result);
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    const kept = 'lockedOut' in outcome ? outcome.lockedOut : 0;
    return (
      <main id="main" class="narrow">
        <PageHeading text={t('sync.pinUnlockTitle')} />
        <div role="alert" class="alert">
          <p class="alert-title">
            {kept === 0
              ? t('sync.pinWiped')
              : kept === 1
                ? t('sync.pinLockedOutOne')
                : t('sync.pinLockedOut', { count: kept })}
          </p>
        </div>
        <p class="actions">
          <button type="button" class="primary" onClick={kept === 0 ? onErase : onRecover}>
            {kept === 0 ? t('signin.submit') : t('sync.signInAgain')}
          </button>
        </p>
        {kept > 0 && (
          <div>
            <EraseCopy onErase={onErase} />
          </div>
        )}
      </main>
    );
  }
  const title =
    'recover' in mode ? 'sync.recoverTitle' : setting ? 'sync.pinSetTitle' : 'sync.pinUnlockTitle';
  const intro =
    'recover' in mode ? 'sync.recoverIntro' : setting ? 'sync.pinSetIntro' : 'sync.pinUnlockIntro';
  return (
    <main id="main" class="narrow">
      <PageHeading text={t(title)} />
      <p>{t(intro)}</p>
      <form class="card" onSubmit={submit} noValidate>
        <ProblemAlert problem={undefined} />
        <PinField
          id="pin"
          label={setting ? t('sync.pinNew') : t('sync.pin')}
          value={pin}
          onValue={setPin}
          error={error}
        />
        {setting && (
          <PinField id="pin-repeat" label={t('sync.pinRepeat')} value={repeat} onValue={setRepeat} />
        )}
        <StatusMessage message={busy ? (setting ? t('sync.pinSaving') : t('sync.pinChecking')) : undefined} />
        <button type="submit" class="primary" disabled={busy}>
          {setting ? t('sync.pinSave') : t('sync.pinUnlock')}
        </button>
      </form>
      {!setting && (
        <>
          <p class="hint">{canRecover ? t('sync.pinForgot') : t('sync.recoverImpossible')}</p>
          <div class="actions">
            {canRecover && (
              <button type="button" onClick={onRecover}>
                {t('sync.signInAgain')}
              </button>
            )}
            <EraseCopy onErase={onErase} />
          </div>
        </>
      )}
    </main>
  );
}
