import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { CurrentPasswordField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { stepUp } from './api';
import { CodeField } from './CodeField';
import { answerWithPasskey } from './passkey';
import './two-factor.css';

/**
 * "Confirm it is you": the password, a code, or a passkey, in a modal dialog
 * (focus stays inside, Escape cancels). `onDone(true)` once the server accepted.
 */
export function StepUpDialog({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [withCode, setWithCode] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    // A dialog opened from inside another form must not submit that one too.
    event.stopPropagation();
    const body = withCode ? { code } : { password };
    if (await run(() => stepUp(body))) onDone(true);
    // Back where the person types, where the error is read with the field.
    else document.getElementById(withCode ? 'step-up-code' : 'step-up-password')?.focus();
  };
  const passkey = async () => {
    if (await run(async () => void (await answerWithPasskey(locale)))) onDone(true);
  };
  const fieldError =
    (withCode ? errors.code : errors.password) ??
    (problem && ['wrongCode', 'wrongCurrentPassword'].includes(problem.code) ? problem.title : undefined);

  return (
    <dialog
      ref={dialog}
      class="step-up"
      aria-labelledby="step-up-title"
      aria-describedby="step-up-intro"
      onCancel={(event) => {
        event.preventDefault();
        onDone(false);
      }}
    >
      <h2 id="step-up-title">{t('twoFactor.stepUpTitle')}</h2>
      <p id="step-up-intro">{t('twoFactor.stepUpIntro')}</p>
      <ProblemAlert problem={fieldError ? undefined : problem} />
      <form onSubmit={submit} noValidate>
        {withCode ? (
          <CodeField
            id="step-up-code"
            label={t('twoFactor.stepUpCode')}
            value={code}
            onValue={setCode}
            error={fieldError}
          />
        ) : (
          <CurrentPasswordField
            id="step-up-password"
            username={me.email}
            label={t('twoFactor.stepUpPassword')}
            value={password}
            onValue={setPassword}
            error={fieldError}
          />
        )}
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('twoFactor.stepUpChecking') : t('twoFactor.stepUpSubmit')}
          </button>
          <button type="button" onClick={() => onDone(false)}>
            {t('twoFactor.cancel')}
          </button>
        </div>
      </form>
      <div class="button-row">
        <button type="button" onClick={() => setWithCode(!withCode)}>
          {withCode ? t('twoFactor.stepUpWithPassword') : t('twoFactor.stepUpWithCode')}
        </button>
        <button type="button" onClick={passkey} disabled={busy}>
          {t('twoFactor.usePasskey')}
        </button>
      </div>
    </dialog>
  );
}
