import type { Me, Problem } from '@puente/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { answerWithPasskey } from './passkey';

interface Props {
  onSignedIn: (me: Me) => void;
  /** Where the sign-in screen shows refusals (its one alert region). */
  onProblem: (problem: Problem | undefined) => void;
}

/** Signs in with a passkey alone (it also opens a password path locked by wrong guesses). */
export function PasskeySignIn({ onSignedIn, onProblem }: Props) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  if (!browserSupportsWebAuthn()) return null;
  const click = async () => {
    setBusy(true);
    onProblem(undefined);
    try {
      onSignedIn(await answerWithPasskey(locale));
    } catch (error) {
      onProblem(toProblem(error));
      setBusy(false);
    }
  };
  return (
    <p>
      <button type="button" onClick={click} disabled={busy}>
        {t('twoFactor.signInWithPasskey')}
      </button>
    </p>
  );
}
