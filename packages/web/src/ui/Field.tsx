import { isLocale, type Locale, locales } from '@puente/core';
import type { PartialInputHTMLAttributes } from 'preact';
import { useI18n } from '../app/i18n';

type InputProps = Pick<
  PartialInputHTMLAttributes<HTMLInputElement>,
  | 'autocomplete'
  | 'inputMode'
  | 'autoCapitalize'
  | 'spellcheck'
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'min'
  | 'max'
> & { type?: 'text' | 'email' | 'password' | 'date' };

interface FieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
}

/**
 * A labelled input with its hint and error tied to it for screen readers.
 * @example <Field id="email" label={t('signin.email')} value={email} onValue={setEmail} error={errors.email} />
 */
export function Field({ id, label, value, onValue, hint, error, type = 'text', ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        // Preact types `type` as a union per input kind; ours are text-like or a date.
        type={type as 'text'}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  hint?: string;
  error?: string;
  required?: boolean;
}

/** A labelled drop-down with its hint and error tied to it. */
export function SelectField({ id, label, value, onValue, options, hint, error, required }: SelectFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        onChange={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Which language something is for (a form, a page, a message): English or Spanish. */
export function LanguageField({
  id,
  label,
  value,
  onValue,
}: {
  id: string;
  label: string;
  value: Locale;
  onValue: (value: Locale) => void;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onValue={(v) => isLocale(v) && onValue(v)}
      options={locales.map((l) => ({ value: l, label: t(l === 'en' ? 'app.english' : 'app.spanish') }))}
    />
  );
}
