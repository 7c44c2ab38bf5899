import type { Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { EmailField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { requestResetLink } from './api';

/**
 * "Forgot your password?": an email, then always the same answer, so the page
 * never tells anyone whether an address has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setSent(false);
    setBusy(true);
    try {
      await requestResetLink(email);
      setSent(true);
    } catch (error) {
      setProblem(toProblem(error));
      document.getElementById('email')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading text={t('password.forgotTitle')} />
      <p class="lead">{t('password.forgotIntro')}</p>
      <StatusMessage message={sent ? t('password.forgotSent') : undefined} />
      <ProblemAlert problem={problem} />
      <form onSubmit={submit} noValidate>
        <EmailField
          label={t('password.email')}
          value={email}
          onValue={setEmail}
          error={fieldErrors(problem).email}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('password.sending') : t('password.send')}
        </button>
      </form>
      <p class="hint">
        <a href="/">{t('password.backToSignIn')}</a>
      </p>
    </>
  );
}
