import type { Me } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { Field } from '../ui/Field';
import { ProblemAlert, StatusMessage } from '../ui/Messages';
import { PageHeading } from '../ui/PageHeading';
import { LocalStore } from './store';
import { createVault, unlockVault } from './vault';

const MIN_PIN = 6;

interface Props {
  /** Set a new PIN for this person, or unlock the copy already on the phone. */
  mode: { set: Me } | { unlock: true };
  onReady: (store: LocalStore) => void;
  /** The PIN is forgotten: erase the phone's copy and sign out. */
  onErase: () => void;
}

/** Sets the PIN that protects the phone's copy, or asks for it to unlock. */
export function PinScreen({ mode, onReady, onErase }: Props) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [wiped, setWiped] = useState(false);
  const setting = 'set' in mode;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (setting) {
      if (!/^\d+$/.test(pin) || pin.length < MIN_PIN) return setError(t('sync.pinTooShort'));
      if (pin !== repeat) return setError(t('sync.pinMismatch'));
    }
    setBusy(true);
    try {
      if ('set' in mode) return onReady(await LocalStore.load(await createVault(mode.set, pin), mode.set));
      const result = await unlockVault(pin);
      if ('db' in result) return onReady(await LocalStore.load(result));
      if ('wiped' in result) setWiped(true);
      else setError(t('sync.pinWrong', { left: result.wrong }));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  if (wiped) {
    return (
      <main id="main" class="narrow">
        <PageHeading text={t('sync.pinUnlockTitle')} />
        <div role="alert" class="alert">
          <p class="alert-title">{t('sync.pinWiped')}</p>
        </div>
        <p>
          <button type="button" class="primary" onClick={onErase}>
            {t('signin.submit')}
          </button>
        </p>
      </main>
    );
  }
  return (
    <main id="main" class="narrow">
      <PageHeading text={setting ? t('sync.pinSetTitle') : t('sync.pinUnlockTitle')} />
      <p>{setting ? t('sync.pinSetIntro') : t('sync.pinUnlockIntro')}</p>
      <form class="card" onSubmit={submit} noValidate>
        <ProblemAlert problem={undefined} />
        <Field
          id="pin"
          label={setting ? t('sync.pinNew') : t('sync.pin')}
          type="password"
          inputMode="numeric"
          autocomplete="off"
          value={pin}
          onValue={setPin}
          error={error}
        />
        {setting && (
          <Field
            id="pin-repeat"
            label={t('sync.pinRepeat')}
            type="password"
            inputMode="numeric"
            autocomplete="off"
            value={repeat}
            onValue={setRepeat}
          />
        )}
        <StatusMessage message={busy ? (setting ? t('sync.pinSaving') : t('sync.pinChecking')) : undefined} />
        <button type="submit" class="primary" disabled={busy}>
          {setting ? t('sync.pinSave') : t('sync.pinUnlock')}
        </button>
      </form>
      {!setting && (
        <p class="hint">
          {t('sync.pinForgot')}{' '}
          <button type="button" onClick={onErase}>
            {t('sync.signOut')}
          </button>
        </p>
      )}
    </main>
  );
}
