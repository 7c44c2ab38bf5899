import type { Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { CurrentPasswordField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';

interface Props {
  /** Whose words: the Account screen's or the password pages' (see NewPasswordFields). */
  wording: 'account' | 'password';
  /** The signed-in person's email: the form then asks for their current password too. */
  email?: string;
  /** The button, and the button while the password is being saved. */
  submit: string;
  submitting: string;
  /** Saves the password (and whatever comes next); what it throws is shown as the refusal. */
  save: (newPassword: string, currentPassword: string) => Promise<void>;
  /** Said once saved, for a form that stays on screen; the fields are emptied. */
  saved?: string;
  /**
   * Told of each refusal, for a page that answers some itself (a dead link):
   * `true` when the page took it over, so the form, about to go, moves no focus.
   */
  onRefused?: (problem: Problem) => boolean;
}

/**
 * Choosing a password: the current one when the person is signed in, then the
 * new one twice. The one form of the Account screen, the password someone else
 * set and the emailed link; the server's refusal goes to the field it is about.
 */
export function NewPasswordForm({ wording, email, submit, submitting, save, saved, onRefused }: Props) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const chosen = useNewPassword();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(problem);
  if (problem?.code === 'wrongCurrentPassword') errors.currentPassword ??= problem.title;
  if (problem?.code === 'passwordNotNew') errors.newPassword ??= problem.title;

  const send = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setDone(false);
    if (!chosen.matches()) return;
    setBusy(true);
    try {
      await save(chosen.password, current);
      setCurrent('');
      chosen.clear();
      setDone(true);
    } catch (error) {
      const refusal = toProblem(error);
      setProblem(refusal);
      if (onRefused?.(refusal)) return;
      // Back where the person types, where the error is read with the field.
      const field = refusal.code === 'wrongCurrentPassword' ? 'current-password' : 'new-password';
      document.getElementById(field)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {saved !== undefined && <StatusMessage message={done ? saved : undefined} />}
      <ProblemAlert problem={problem} />
      <form onSubmit={send} noValidate>
        {email !== undefined && (
          <CurrentPasswordField
            id="current-password"
            username={email}
            label={t(`${wording}.currentPassword`)}
            value={current}
            onValue={setCurrent}
            error={errors.currentPassword}
          />
        )}
        <NewPasswordFields state={chosen} wording={wording} error={errors.newPassword} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? submitting : submit}
        </button>
      </form>
    </>
  );
}
