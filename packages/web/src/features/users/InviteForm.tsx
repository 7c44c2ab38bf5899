import { type Locale, limits, type Problem, type Role, roles, type User } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { EmailField, Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { inviteUser } from './api';

/**
 * Invites a person to the organization by email: they choose their own
 * password from the link, so the admin never knows it. On a refusal everything
 * typed stays in place.
 */
export function InviteForm({
  onCreated,
  language = 'es',
}: {
  onCreated: (user: User) => void;
  /** The language the form starts on: the program's, once its admin chose one. */
  language?: Locale | undefined;
}) {
  const { t } = useI18n();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('chw');
  const [locale, setLocale] = useState<Locale>(language);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  if (problem?.code === 'emailTaken') errors.email ??= problem.title;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setBusy(true);
    try {
      onCreated(await inviteUser({ displayName, email, role, locale }));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <form id="new-user" class="card" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.formTitle')}</h2>
      <p class="hint">{t('users.formIntro')}</p>
      <ProblemAlert problem={problem} />
      <Field
        id="displayName"
        label={t('users.displayName')}
        autocomplete="off"
        required
        maxLength={limits.nameMax}
        value={displayName}
        onValue={setDisplayName}
        error={errors.displayName}
      />
      <EmailField
        label={t('users.email')}
        autocomplete="off"
        value={email}
        onValue={setEmail}
        error={errors.email}
      />
      <SelectField
        id="role"
        label={t('users.role')}
        value={role}
        onValue={(v) => setRole(roles.find((r) => r === v) ?? 'chw')}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        error={errors.role}
      />
      <SelectField
        id="locale"
        label={t('users.language')}
        value={locale}
        onValue={(v) => setLocale(v === 'en' ? 'en' : 'es')}
        options={[
          { value: 'es', label: t('app.spanish') },
          { value: 'en', label: t('app.english') },
        ]}
        error={errors.locale}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('users.creating') : t('users.create')}
      </button>
    </form>
  );
}
