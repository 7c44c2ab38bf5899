import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';

interface Props {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  /** A recovery code (12 letters and digits) instead of the app's 6 digits. */
  recovery?: boolean;
  label?: string;
}

/**
 * The app's 6-digit code (numeric keypad, filled from an SMS-style suggestion)
 * or a recovery code, labelled and with its error tied to it.
 */
export function CodeField({ id, value, onValue, error, recovery = false, label }: Props) {
  const { t } = useI18n();
  const kind = recovery
    ? ({
        label: label ?? t('twoFactor.recoveryCode'),
        hint: t('twoFactor.recoveryCodeHint'),
        autocomplete: 'off',
        autoCapitalize: 'characters',
      } as const)
    : ({ label: label ?? t('twoFactor.code'), autocomplete: 'one-time-code', inputMode: 'numeric' } as const);
  return (
    <Field
      id={id}
      {...kind}
      spellcheck={false}
      required
      maxLength={32}
      value={value}
      onValue={onValue}
      error={error}
    />
  );
}
