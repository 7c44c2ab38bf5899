import type { Me } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { secondFactor } from './api';
import { CodeField } from './CodeField';
import { answerWithPasskey } from './passkey';

/** After the password: a code from the app, a recovery code, or a passkey finishes signing in. */
export function SecondFactorScreen({ onDone }: { onDone: (me: Me) => void }) {
  const { t, locale } = useI18n();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const { busy, problem, errors, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    let me: Me | undefined;
    if (
      await run(async () => {
        me = await secondFactor(code);
      })
    ) {
      if (me) onDone(me);
    } else {
      document.getElementById('second-factor-code')?.focus();
    }
  };
  const passkey = async () => {
    let me: Me | undefined;
    if (
      (await run(async () => {
        me = await answerWithPasskey(locale);
      })) &&
      me
    )
      onDone(me);
  };
  const codeError = errors.code ?? (problem?.code === 'wrongCode' ? problem.title : undefined);

  return (
    <>
      <PageHeading text={t('twoFactor.codeTitle')} />
      <p class="lead">{t('twoFactor.codeIntro')}</p>
      <ProblemAlert problem={codeError ? undefined : problem} />
      <form onSubmit={submit} noValidate>
        <CodeField
          id="second-factor-code"
          value={code}
          onValue={setCode}
          recovery={recovery}
          error={codeError}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('twoFactor.verifying') : t('twoFactor.verify')}
        </button>
      </form>
      <p>
        <button
          type="button"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            document.getElementById('second-factor-code')?.focus();
          }}
        >
          {recovery ? t('twoFactor.useAppCode') : t('twoFactor.useRecoveryCode')}
        </button>
      </p>
      <p>
        <button type="button" onClick={passkey} disabled={busy}>
          {t('twoFactor.usePasskey')}
        </button>
      </p>
    </>
  );
}
