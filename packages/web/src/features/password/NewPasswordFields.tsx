import { limits } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';

interface Props {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** The server's word on the new password (too short, the same as before). */
  error: string | undefined;
  /** The two did not match when the form was sent. */
  mismatch: boolean;
}

/** The new password twice, so a typo does not lock the person out of their own account. */
export function NewPasswordFields({ password, confirm, onPassword, onConfirm, error, mismatch }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Field
        id="new-password"
        label={t('password.newPassword')}
        hint={t('password.newPasswordHint', { min: limits.passwordMin })}
        type="password"
        autocomplete="new-password"
        required
        minLength={limits.passwordMin}
        maxLength={limits.passwordMax}
        value={password}
        onValue={onPassword}
        error={error}
      />
      <Field
        id="confirm-password"
        label={t('password.confirmPassword')}
        type="password"
        autocomplete="new-password"
        required
        maxLength={limits.passwordMax}
        value={confirm}
        onValue={onConfirm}
        error={mismatch ? t('password.passwordsDiffer') : undefined}
      />
    </>
  );
}
