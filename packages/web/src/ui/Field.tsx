import { isLocale, type Locale, limits, locales } from '@puente/core';
import type { ComponentChildren, PartialInputHTMLAttributes } from 'preact';
import { useI18n } from '../app/i18n';

interface Described {
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (described: Described) => ComponentChildren;
}

/** Label, hint and error around any control, tied to it for screen readers. */
function Frame({ id, label, hint, error, children }: FrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const described: Described = {};
  if (describedBy) described['aria-describedby'] = describedBy;
  if (error) described['aria-invalid'] = true;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {children(described)}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

type InputAttributes = Pick<
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
>;

interface FieldProps extends InputAttributes {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'time' | 'datetime-local' | 'number';
  hint?: string | undefined;
  error?: string | undefined;
}

/**
 * A labelled input of any text-like type (email, password, date, time, number, phone),
 * with its hint and error tied to it for screen readers.
 * @example <Field id="email" type="email" label={t('signin.email')} value={email} onValue={setEmail} error={errors.email} />
 */
export function Field({ id, label, value, onValue, hint, error, type = 'text', ...input }: FieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <input
          id={id}
          name={id}
          // Preact types `type` as a union per input kind; ours are all text-like.
          type={type as 'text'}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          {...described}
          {...input}
        />
      )}
    </Frame>
  );
}

interface KnownFieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
}

/**
 * An email address: the keyboard with @, no capitals or spelling fixes, and the server's length.
 * `autocomplete` is "username" for one's own sign-in, "off" for someone else's address.
 * @example <EmailField label={t('signin.email')} value={email} onValue={setEmail} error={errors.email} />
 */
export function EmailField({
  autocomplete = 'username',
  ...field
}: KnownFieldProps & { autocomplete?: 'username' | 'off' }) {
  return (
    <Field
      id="email"
      type="email"
      autocomplete={autocomplete}
      inputMode="email"
      autoCapitalize="none"
      spellcheck={false}
      required
      maxLength={limits.emailMax}
      {...field}
    />
  );
}

/**
 * A password the person already has (to sign in, or to confirm it is them). With `username`,
 * the account's email goes in a hidden field too, so password managers know whose password it is.
 */
export function CurrentPasswordField({
  id,
  username,
  ...field
}: KnownFieldProps & { id: string; username?: string }) {
  return (
    <>
      {username !== undefined && (
        <input type="text" name="username" autocomplete="username" value={username} hidden readOnly />
      )}
      <Field
        id={id}
        type="password"
        autocomplete="current-password"
        required
        maxLength={limits.passwordMax}
        {...field}
      />
    </>
  );
}

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  maxLength?: number;
}

/** A labelled multi-line text box. */
export function TextArea({ id, label, value, onValue, hint, error, maxLength }: TextAreaProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <textarea
          id={id}
          name={id}
          rows={3}
          maxLength={maxLength}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          {...described}
        />
      )}
    </Frame>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

/** A labelled drop-down with its hint and error tied to it. */
export function SelectField({ id, label, value, onValue, options, hint, error, required }: SelectFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <select
          id={id}
          name={id}
          value={value}
          required={required}
          onChange={(e) => onValue(e.currentTarget.value)}
          {...described}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Frame>
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

interface CheckProps {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
  /** E.g. a consent the server needs ticked. */
  error?: string | undefined;
}

/** One checkbox with a thumb-sized label, an optional hint and its error, tied to it for screen readers. */
export function Check({ id, label, checked, onChecked, hint, error }: CheckProps) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--check field--invalid' : 'field field--check'}>
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChecked(e.currentTarget.checked)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface CheckGroupProps<T extends string> {
  id: string;
  legend: string;
  options: readonly T[];
  labelOf: (value: T) => string;
  values: readonly T[];
  onValues: (values: T[]) => void;
  error?: string | undefined;
}

/** A set of checkboxes under one legend, e.g. the activities of a visit. */
export function CheckGroup<T extends string>(props: CheckGroupProps<T>) {
  const { id, legend, options, labelOf, values, onValues, error } = props;
  const toggle = (value: T, on: boolean) =>
    onValues(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset class="checks" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} class="check">
          <input
            type="checkbox"
            name={id}
            value={o}
            checked={values.includes(o)}
            onChange={(e) => toggle(o, e.currentTarget.checked)}
          />
          <span>{labelOf(o)}</span>
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
