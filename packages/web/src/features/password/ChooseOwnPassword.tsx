import { limits, type Me, type Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { api, fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { changeOwnPassword } from './api';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { PasswordFrame } from './PasswordFrame';

interface Props {
  me: Me;
  /** The password is the person's own now: on to the app. */
  onDone: (me: Me) => void;
  signOut: () => void;
}

/**
 * After signing in with a password someone else set (the first admin's, an
 * operator's reset): the person chooses their own before anything else. The
 * server refuses every other request until they do.
 */
export function ChooseOwnPassword({ me, onDone, signOut }: Props) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const chosen = useNewPassword();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  if (problem?.code === 'wrongCurrentPassword') errors.currentPassword ??= problem.title;
  if (problem?.code === 'passwordNotNew') errors.newPassword ??= problem.title;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    if (!chosen.matches()) return;
    setBusy(true);
    try {
      await changeOwnPassword(current, chosen.password);
      onDone(await api<Me>('GET', '/api/auth/me'));
    } catch (error) {
      const refusal = toProblem(error);
      setProblem(refusal);
      setBusy(false);
      const field = refusal.code === 'wrongCurrentPassword' ? 'current-password' : 'new-password';
      document.getElementById(field)?.focus();
    }
  };

  return (
    <PasswordFrame>
      <PageHeading text={t('password.mustTitle')} />
      <p class="lead">{t('password.mustIntro')}</p>
      <ProblemAlert problem={problem} />
      <form onSubmit={submit} noValidate>
        {/* Lets password managers know whose password this is. */}
        <input type="text" name="username" autocomplete="username" value={me.email} hidden readOnly />
        <Field
          id="current-password"
          label={t('password.currentPassword')}
          type="password"
          autocomplete="current-password"
          required
          maxLength={limits.passwordMax}
          value={current}
          onValue={setCurrent}
          error={errors.currentPassword}
        />
        <NewPasswordFields state={chosen} wording="password" error={errors.newPassword} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('password.saving') : t('password.mustSave')}
        </button>
      </form>
      <p class="hint">
        {me.email} ·{' '}
        <button type="button" onClick={signOut}>
          {t('password.signOut')}
        </button>
      </p>
    </PasswordFrame>
  );
}
