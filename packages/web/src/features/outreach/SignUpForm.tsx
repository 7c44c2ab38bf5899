import { type OutreachEventDetail, roleCan } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Check, Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addSignUp } from './api';

/** Someone who asked a CHW to contact them: registered into a caseload with the consent they gave. */
export function SignUpForm({
  event,
  onAdded,
}: {
  event: OutreachEventDetail;
  onAdded: (name: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState(event.language === 'es' ? 'es' : 'en');
  const [okToText, setOkToText] = useState(false);
  const [method, setMethod] = useState<'verbal' | 'written'>('verbal');
  const [consent, setConsent] = useState(false);
  const [chwId, setChwId] = useState(me.id);
  const [someoneElse, setSomeoneElse] = useState(false);
  const { busy, problem, errors, run } = useAction();
  // A supervisor may hand the person to a facilitator of their team; a CHW takes them on.
  const chws = roleCan(me.role, 'clients.handover') ? event.facilitators.filter((f) => f.id !== me.id) : [];

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await addSignUp(event.id, {
        givenName,
        ...(familyName.trim() ? { familyName } : {}),
        ...(phone.trim() ? { phone } : {}),
        preferredLanguage: language,
        okToText,
        consentMethod: method,
        consent,
        ...(chwId !== me.id ? { chwId } : {}),
        ...(someoneElse ? { notADuplicate: true } : {}),
      });
      const name = [givenName, familyName].filter((x) => x.trim()).join(' ');
      for (const reset of [setGivenName, setFamilyName, setPhone]) reset('');
      setConsent(false);
      setSomeoneElse(false);
      await onAdded(name);
    });
  };

  return (
    <section class="card" aria-labelledby="sign-up-heading">
      <h2 id="sign-up-heading">{t('outreach.signUpsTitle')}</h2>
      <p>{t('outreach.signUpsIntro')}</p>
      <p>{t('outreach.signUpCount', { count: event.signUps })}</p>
      <ul class="plain-list">
        {event.signUpList.map((s) => (
          <li key={s.clientId}>
            <Link href={`/people/${s.clientId}`}>{s.name}</Link> · {s.chwName}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <Field
          id="sign-up-given"
          label={t('outreach.givenName')}
          value={givenName}
          onValue={setGivenName}
          error={errors.givenName}
          autocomplete="off"
        />
        <Field
          id="sign-up-family"
          label={t('outreach.familyName')}
          value={familyName}
          onValue={setFamilyName}
          autocomplete="off"
        />
        <Field
          id="sign-up-phone"
          label={t('outreach.phone')}
          value={phone}
          onValue={setPhone}
          error={errors.phone}
          inputMode="tel"
          autocomplete="off"
        />
        <SelectField
          id="sign-up-language"
          label={t('outreach.preferredLanguage')}
          value={language}
          onValue={setLanguage}
          options={[
            { value: 'en', label: t('app.english') },
            { value: 'es', label: t('app.spanish') },
          ]}
        />
        <Check id="sign-up-text" label={t('outreach.okToText')} checked={okToText} onChecked={setOkToText} />
        <SelectField
          id="sign-up-method"
          label={t('outreach.consentMethod')}
          value={method}
          onValue={(v) => setMethod(v as typeof method)}
          options={[
            { value: 'verbal', label: t('vocab.consentMethod_verbal') },
            { value: 'written', label: t('vocab.consentMethod_written') },
          ]}
        />
        <Check
          id="sign-up-consent"
          label={t('outreach.consent')}
          checked={consent}
          onChecked={setConsent}
          error={errors.consent}
        />
        {chws.length > 0 && (
          <SelectField
            id="sign-up-chw"
            label={t('outreach.chw')}
            value={chwId}
            onValue={setChwId}
            options={[
              { value: me.id, label: t('outreach.chwSelf') },
              ...chws.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
        )}
        {problem?.code === 'possibleDuplicate' && (
          <Check
            id="sign-up-else"
            label={t('people.registerAnyway')}
            checked={someoneElse}
            onChecked={setSomeoneElse}
          />
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('outreach.addSignUp')}
        </button>
        <ProblemAlert problem={problem} />
      </form>
    </section>
  );
}
