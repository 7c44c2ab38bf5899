import { consentKinds, consentMethods, partnerCategories, type ShareableKind } from '@puente/core';
import { useState } from 'preact/hooks';
import { deviceToday } from '../../app/dates';
import { useI18n } from '../../app/i18n';
import { Field, SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addConsent } from './api';
import { defaultShareKinds, ShareKindsField } from './ShareKindsField';

type Kind = (typeof consentKinds)[number];

/** Record a consent: to be served, to share with a partner (named or a kind of partner) and what it covers, or to be texted. */
export function ConsentForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('service');
  const [method, setMethod] = useState<string>('verbal');
  const [givenOn, setGivenOn] = useState(deviceToday);
  const [shareBy, setShareBy] = useState<'name' | 'category'>('category');
  const [partnerName, setPartnerName] = useState('');
  const [partnerCategory, setPartnerCategory] = useState<string>(partnerCategories[0]);
  const [note, setNote] = useState('');
  const [dataKinds, setDataKinds] = useState<readonly ShareableKind[]>(defaultShareKinds);
  const { busy, problem, errors, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const by = shareBy === 'name' ? { partnerName: partnerName.trim() } : { partnerCategory };
    // What the person agreed to share travels with the consent; the server adds identity and the referral.
    const partner = kind !== 'share' ? {} : { ...by, dataKinds: [...dataKinds] };
    const body = { kind, method, givenOn, ...partner, ...(optional(note) ? { note } : {}) };
    if (await run(async () => void (await addConsent(clientId, body)))) onSaved();
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-consent-toggle">
      <ProblemAlert problem={problem} />
      <SelectField
        id="consent-kind"
        label={t('person.consentKind')}
        value={kind}
        onValue={(v) => setKind(consentKinds.find((k) => k === v) ?? 'service')}
        options={consentKinds.map((k) => ({ value: k, label: t(`vocab.consentKind_${k}`) }))}
        error={errors.kind}
      />
      {kind === 'share' && (
        <>
          <SelectField
            id="consent-share-by"
            label={t('person.shareWith')}
            value={shareBy}
            onValue={(v) => setShareBy(v === 'name' ? 'name' : 'category')}
            options={[
              { value: 'category', label: t('person.shareCategory') },
              { value: 'name', label: t('person.shareNamed') },
            ]}
          />
          {shareBy === 'name' ? (
            <Field
              id="consent-partner-name"
              label={t('person.partnerName')}
              maxLength={200}
              value={partnerName}
              onValue={setPartnerName}
              error={errors.partnerName}
            />
          ) : (
            <SelectField
              id="consent-partner-category"
              label={t('person.partnerCategory')}
              value={partnerCategory}
              onValue={setPartnerCategory}
              options={partnerCategories.map((c) => ({ value: c, label: t(`vocab.partner_${c}`) }))}
              error={errors.partnerCategory ?? errors.partnerName}
            />
          )}
          <ShareKindsField values={dataKinds} onValues={setDataKinds} />
        </>
      )}
      <SelectField
        id="consent-method"
        label={t('person.consentMethod')}
        value={method}
        onValue={setMethod}
        options={consentMethods.map((m) => ({ value: m, label: t(`vocab.consentMethod_${m}`) }))}
        error={errors.method}
      />
      <Field
        id="consent-given-on"
        type="date"
        label={t('person.givenOn')}
        value={givenOn}
        onValue={setGivenOn}
        error={errors.givenOn}
      />
      <TextArea
        id="consent-note"
        label={t('person.consentNote')}
        maxLength={1000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('person.recordingConsent') : t('person.recordConsent')}
      </button>
    </form>
  );
}
