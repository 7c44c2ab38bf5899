import { limits, type Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { api, fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';

/** Current password, new password twice; the server checks the current one. */
export function PasswordForm() {
  const { t } = useI18n();
  const { me } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  if (problem?.code === 'wrongCurrentPassword') errors.currentPassword ??= problem.title;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setDone(false);
    if (newPassword !== confirm) {
      setMismatch(true);
      document.getElementById('confirm-password')?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await api<undefined>('POST', '/api/me/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setConfirm('');
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
        <Field
          id="new-password"
          label={t('account.newPassword')}
          hint={t('account.newPasswordHint', { min: limits.passwordMin })}
          type="password"
          autocomplete="new-password"
          required
          minLength={limits.passwordMin}
          maxLength={limits.passwordMax}
          value={newPassword}
          onValue={setNew}
          error={errors.newPassword}
        />
        <Field
          id="confirm-password"
          label={t('account.confirmPassword')}
          type="password"
          autocomplete="new-password"
          required
          maxLength={limits.passwordMax}
          value={confirm}
          onValue={setConfirm}
          error={mismatch ? t('account.passwordsDiffer') : undefined}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('account.changingPassword') : t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
