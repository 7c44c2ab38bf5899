import { partnerCategories } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useStepUp } from '../two-factor/useStepUp';
import { type FhirClient, type NewFhirClient, registerFhirClient } from './api';

/**
 * Registers a clinic's system: its name and whose consents it reads (a partner's
 * name, a kind of partner, or both). A refusal leaves everything as typed.
 */
export function RegisterClientForm({
  onRegistered,
}: {
  onRegistered: (client: FhirClient & { secret: string }) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [partnerName, setPartnerName] = useState('');
  const [partnerCategory, setPartnerCategory] = useState('');
  const { busy, problem, errors, run } = useAction();
  // A new secret opens people's records to another system: the server asks who holds this session first.
  const { guard, dialog } = useStepUp();

  const submit = async (event: Event) => {
    event.preventDefault();
    const body: NewFhirClient = { name: name.trim() };
    if (partnerName.trim()) body.partnerName = partnerName.trim();
    const category = partnerCategories.find((c) => c === partnerCategory);
    if (category) body.partnerCategory = category;
    let made: (FhirClient & { secret: string }) | undefined;
    const ok = await run(async () => {
      made = await guard(() => registerFhirClient(body));
    });
    if (ok && made) onRegistered(made);
    // Once the refusal is on screen: back to the first field it names, where its message is read with it.
    else
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#new-fhir-client [aria-invalid="true"]')?.focus(),
      );
  };

  return (
    <>
      <form
        id="new-fhir-client"
        class="card"
        onSubmit={submit}
        noValidate
        aria-labelledby="new-fhir-client-title"
      >
        <h2 id="new-fhir-client-title">{t('fhirClients.formTitle')}</h2>
        <ProblemAlert problem={problem} />
        <Field
          id="fhir-client-name"
          label={t('fhirClients.name')}
          hint={t('fhirClients.nameHint')}
          autocomplete="off"
          required
          maxLength={200}
          value={name}
          onValue={setName}
          error={errors.name}
        />
        <Field
          id="fhir-client-partner-name"
          label={t('fhirClients.partnerName')}
          hint={t('fhirClients.partnerNameHint')}
          autocomplete="off"
          maxLength={200}
          value={partnerName}
          onValue={setPartnerName}
          error={errors.partnerName}
        />
        <SelectField
          id="fhir-client-partner-category"
          label={t('fhirClients.partnerCategory')}
          hint={t('fhirClients.partnerCategoryHint')}
          value={partnerCategory}
          onValue={setPartnerCategory}
          options={[
            { value: '', label: t('fhirClients.noCategory') },
            ...partnerCategories.map((c) => ({ value: c, label: t(`vocab.partner_${c}`) })),
          ]}
          error={errors.partnerCategory}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('fhirClients.registering') : t('fhirClients.register')}
        </button>
      </form>
      {/* Outside the form: the dialog's own form must not submit this one. */}
      {dialog}
    </>
  );
}
