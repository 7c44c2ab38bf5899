import type { TotpEnrolment } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { confirmTotp, type Enrolled, startTotp } from './api';
import { CodeField } from './CodeField';
import './two-factor.css';

/** Groups of four, so the key can be read aloud and typed without losing one's place. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Adds an authenticator app: a new secret as a QR code and as text, then a
 * code from the app to prove it was added.
 */
export function TotpSetup({ onConfirmed }: { onConfirmed: (enrolled: Enrolled) => void }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [code, setCode] = useState('');
  const { busy, problem, errors, run, setProblem } = useAction();

  useEffect(() => {
    startTotp().then(setEnrolment, (error) => setProblem(toProblem(error)));
  }, [setProblem]);

  const submit = async (event: Event) => {
    event.preventDefault();
    let enrolled: Enrolled | undefined;
    const ok = await run(async () => {
      enrolled = await confirmTotp(code.replace(/\s/g, ''));
    });
    if (ok && enrolled) onConfirmed(enrolled);
    else if (!ok) document.getElementById('totp-code')?.focus();
  };
  const codeError = errors.code ?? (problem?.code === 'wrongCode' ? problem.title : undefined);

  return (
    <div>
      <ProblemAlert problem={codeError ? undefined : problem} />
      {!enrolment && !problem && <p role="status">{t('twoFactor.starting')}</p>}
      {enrolment && (
        <>
          <p>{t('twoFactor.scan')}</p>
          <img class="totp-qr" src={enrolment.qr} alt={t('twoFactor.qrAlt')} width={192} height={192} />
          <p>{t('twoFactor.manual')}</p>
          <p class="totp-secret" data-secret={enrolment.secret}>
            {grouped(enrolment.secret)}
          </p>
          <form onSubmit={submit} noValidate>
            <CodeField
              id="totp-code"
              label={t('twoFactor.confirmStep')}
              value={code}
              onValue={setCode}
              error={codeError}
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('twoFactor.confirming') : t('twoFactor.confirm')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
