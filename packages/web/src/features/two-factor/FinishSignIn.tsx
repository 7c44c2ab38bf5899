import type { Me } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { SignInFrame } from '../signin/SignInFrame';
import { EnrolScreen } from './EnrolScreen';
import { SecondFactorScreen } from './SecondFactorScreen';

interface Props {
  me: Me;
  /** The session is full: the person is signed in. */
  onDone: (me: Me) => void;
  signOut: () => void;
}

/**
 * Between the password and the app: the second factor, or setting one up for a
 * role that must have one. The server lets this session do nothing else.
 */
export function FinishSignIn({ me, onDone, signOut }: Props) {
  const { t } = useI18n();
  return (
    <SignInFrame>
      {me.stage === 'enrol' ? <EnrolScreen onDone={onDone} /> : <SecondFactorScreen onDone={onDone} />}
      <p class="hint">
        {me.email} ·{' '}
        <button type="button" onClick={signOut}>
          {t('twoFactor.notYou')}
        </button>
      </p>
    </SignInFrame>
  );
}
