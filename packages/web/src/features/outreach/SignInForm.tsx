import type { OutreachEventDetail } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Check, Field } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addSignIn } from './api';

/** The optional sign-in sheet: a name only with the person's agreement. */
export function SignInForm({ event, onAdded }: { event: OutreachEventDetail; onAdded: () => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const { busy, problem, errors, run } = useAction();

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await addSignIn(event.id, { name, consent });
      setName('');
      setConsent(false);
      await onAdded();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('outreach.signInsTitle')}</h2>
      <p>{t('outreach.signInCount', { count: event.signIns })}</p>
      <Field
        id="sign-in-name"
        label={t('outreach.signInName')}
        value={name}
        onValue={setName}
        error={errors.name}
      />
      <Check
        id="sign-in-consent"
        label={t('outreach.signInConsent')}
        checked={consent}
        onChecked={setConsent}
        error={errors.consent}
      />
      <button type="submit" disabled={busy}>
        {t('outreach.addSignIn')}
      </button>
      <ProblemAlert problem={problem} />
    </form>
  );
}
