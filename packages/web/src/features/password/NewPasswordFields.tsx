import { limits } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';

/** A new password, typed twice, and whether the two differed when the form was last sent. */
export interface NewPassword {
  password: string;
  confirm: string;
  mismatch: boolean;
  setPassword: (value: string) => void;
  setConfirm: (value: string) => void;
  /**
   * The check before sending: when the two differ, says so on the second field
   * and puts the person there; the form sends nothing.
   */
  matches: () => boolean;
  /** Empties both fields, after the password was saved. */
  clear: () => void;
}

/** The state of the new-password fields, for every form that chooses a password. */
export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    confirm,
    mismatch,
    setPassword,
    setConfirm,
    matches: () => {
      const same = password === confirm;
      setMismatch(!same);
      if (!same) document.getElementById('confirm-password')?.focus();
      return same;
    },
    clear: () => {
      setPassword('');
      setConfirm('');
    },
  };
}

interface Props {
  state: NewPassword;
  /** Whose words: the Account screen's (changing a password one knows) or the password pages' (choosing one). */
  wording: 'account' | 'password';
  /** The server's word on the new password (too short, the same as before). */
  error: string | undefined;
}

/**
 * The new password twice, so a typo does not lock the person out of their
 * own account; the one place its length rules and its messages are written.
 */
export function NewPasswordFields({ state, wording, error }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Field
        id="new-password"
        label={t(`${wording}.newPassword`)}
        hint={t(`${wording}.newPasswordHint`, { min: limits.passwordMin })}
        type="password"
        autocomplete="new-password"
        required
        minLength={limits.passwordMin}
        maxLength={limits.passwordMax}
        value={state.password}
        onValue={state.setPassword}
        error={error}
      />
      <Field
        id="confirm-password"
        label={t(`${wording}.confirmPassword`)}
        type="password"
        autocomplete="new-password"
        required
        maxLength={limits.passwordMax}
        value={state.confirm}
        onValue={state.setConfirm}
        error={state.mismatch ? t(`${wording}.passwordsDiffer`) : undefined}
      />
    </>
  );
}
