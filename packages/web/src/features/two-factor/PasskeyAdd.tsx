import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import type { Enrolled } from './api';
import { addPasskey } from './passkey';

/** Names a passkey and has this device create it (screen lock, fingerprint or a security key). */
export function PasskeyAdd({ onAdded }: { onAdded: (enrolled: Enrolled) => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState(() => t('twoFactor.passkeyDefaultName'));
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    let enrolled: Enrolled | undefined;
    const ok = await run(async () => {
      enrolled = await addPasskey(locale, name.trim());
    });
    if (ok && enrolled) onAdded(enrolled);
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <Field
        id="passkey-name"
        label={t('twoFactor.passkeyName')}
        hint={t('twoFactor.passkeyNameHint')}
        required
        maxLength={60}
        value={name}
        onValue={setName}
        error={errors.name}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('twoFactor.passkeyAdding') : t('twoFactor.passkeyAdd')}
      </button>
    </form>
  );
}
