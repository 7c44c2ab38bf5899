import { limits, type Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { changeOwnPassword } from '../password/api';
import { NewPasswordFields, useNewPassword } from '../password/NewPasswordFields';

/** Current password, new password twice; the server checks the current one. */
export function PasswordForm() {
  const { t } = useI18n();
  const { me } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const chosen = useNewPassword();
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  if (problem?.code === 'wrongCurrentPassword') errors.currentPassword ??= problem.title;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setDone(false);
    if (!chosen.matches()) return;
    setBusy(true);
    try {
      await changeOwnPassword(currentPassword, chosen.password);
      setCurrent('');
      chosen.clear();
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.passwordTitle')}</h2>
      <StatusMessage message={done ? t('account.passwordChanged') : undefined} />
      <ProblemAlert problem={problem} />
      <form onSubmit={submit} noValidate>
        {/* Lets password managers know whose password this is. */}
        <input type="text" name="username" autocomplete="username" value={me.email} hidden readOnly />
        <Field
          id="current-password"
          label={t('account.currentPassword')}
          type="password"
          autocomplete="current-password"
          required
          maxLength={limits.passwordMax}
          value={currentPassword}
          onValue={setCurrent}
          error={errors.currentPassword}
        />
        <NewPasswordFields state={chosen} wording="account" error={errors.newPassword} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('account.changingPassword') : t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
