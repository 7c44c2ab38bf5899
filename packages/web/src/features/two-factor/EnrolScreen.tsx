import type { Me } from '@puente/core';
import { useState } from 'preact/hooks';
import { api, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import type { Enrolled } from './api';
import { PasskeyAdd } from './PasskeyAdd';
import { RecoveryCodesNotice } from './RecoveryCodesNotice';
import { TotpSetup } from './TotpSetup';

type Step =
  | { at: 'app' }
  | { at: 'passkey-first' }
  | { at: 'codes'; codes: string[]; then: 'passkey' | 'done' }
  | { at: 'passkey' };

/**
 * A role that must use two-step sign-in and has no second factor yet: an
 * authenticator app (or a passkey), the recovery codes once, then an optional
 * passkey. The server makes the session full as soon as the first factor is confirmed.
 */
export function EnrolScreen({ onDone }: { onDone: (me: Me) => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ at: 'app' });
  const [added, setAdded] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof toProblem>>();

  const finish = async () => {
    try {
      onDone(await api<Me>('GET', '/api/auth/me'));
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const confirmed = (then: 'passkey' | 'done') => (enrolled: Enrolled) => {
    const codes = enrolled.recoveryCodes ?? [];
    if (codes.length > 0) setStep({ at: 'codes', codes, then });
    else if (then === 'passkey') setStep({ at: 'passkey' });
    else void finish();
  };

  return (
    <>
      <PageHeading text={t('twoFactor.enrolTitle')} />
      <ProblemAlert problem={problem} />
      {step.at === 'app' && (
        <>
          <p>{t('twoFactor.enrolIntro')}</p>
          <TotpSetup onConfirmed={confirmed('passkey')} />
          <p>
            <button type="button" onClick={() => setStep({ at: 'passkey-first' })}>
              {t('twoFactor.usePasskeyInstead')}
            </button>
          </p>
        </>
      )}
      {step.at === 'passkey-first' && (
        <section class="card" aria-labelledby="passkey-first-title">
          <h2 id="passkey-first-title">{t('twoFactor.passkeyAdd')}</h2>
          <p>{t('twoFactor.passkeyIntro')}</p>
          <PasskeyAdd onAdded={confirmed('done')} />
          <p>
            <button type="button" onClick={() => setStep({ at: 'app' })}>
              {t('twoFactor.setUpApp')}
            </button>
          </p>
        </section>
      )}
      {step.at === 'codes' && (
        <RecoveryCodesNotice
          codes={step.codes}
          onSaved={() => (step.then === 'passkey' ? setStep({ at: 'passkey' }) : void finish())}
        />
      )}
      {step.at === 'passkey' && (
        <section class="card" aria-labelledby="passkey-offer-title">
          <h2 id="passkey-offer-title">{t('twoFactor.passkeyTitle')}</h2>
          <p>{t('twoFactor.passkeyIntro')}</p>
          <StatusMessage message={added ? t('twoFactor.passkeyAdded') : undefined} />
          {!added && <PasskeyAdd onAdded={() => setAdded(true)} />}
          <p>
            <button type="button" class={added ? 'primary' : undefined} onClick={() => void finish()}>
              {added ? t('twoFactor.codesContinue') : t('twoFactor.passkeySkip')}
            </button>
          </p>
        </section>
      )}
    </>
  );
}
