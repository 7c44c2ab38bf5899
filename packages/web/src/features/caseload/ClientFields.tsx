import { ageRanges, insuranceStatuses, limits } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Check, Field, SelectField, TextArea } from '../../ui/Field';
import { languageChoices, languageName } from '../../ui/format';
import type { ClientDraft } from './draft';

interface Props {
  draft: ClientDraft;
  change: (patch: Partial<ClientDraft>) => void;
  errors: Record<string, string>;
}

/** The two things every registration needs: a first name and a language. */
export function NameAndLanguage({ draft, change, errors }: Props) {
  const { t } = useI18n();
  const tags: string[] = [...languageChoices];
  if (!tags.includes(draft.preferredLanguage)) tags.push(draft.preferredLanguage);
  return (
    <>
      <Field
        id="givenName"
        label={t('people.givenName')}
        autocomplete="off"
        required
        maxLength={limits.nameMax}
        value={draft.givenName}
        onValue={(givenName) => change({ givenName })}
        error={errors.givenName}
      />
      <SelectField
        id="preferredLanguage"
        label={t('people.preferredLanguage')}
        value={draft.preferredLanguage}
        onValue={(preferredLanguage) => change({ preferredLanguage })}
        options={tags.map((tag) => ({ value: tag, label: languageName(t, tag) }))}
        error={errors.preferredLanguage}
        required
      />
    </>
  );
}

/** Everything a person may choose to share, all optional. */
export function MoreDetails({ draft, change, errors }: Props) {
  const { t } = useI18n();
  const text = (key: keyof ClientDraft & string, label: string, max: number) => (
    <Field
      id={key}
      label={label}
      autocomplete="off"
      maxLength={max}
      value={String(draft[key])}
      onValue={(v) => change({ [key]: v })}
      error={errors[key]}
    />
  );
  return (
    <>
      {text('preferredName', t('people.preferredName'), 120)}
      {text('familyName', t('people.familyName'), 120)}
      <Field
        id="birthDate"
        type="date"
        label={t('people.birthDate')}
        hint={t('people.birthDateHint')}
        value={draft.birthDate}
        onValue={(birthDate) => change({ birthDate })}
        error={errors.birthDate}
      />
      <SelectField
        id="ageRange"
        label={t('people.ageRange')}
        value={draft.ageRange}
        onValue={(ageRange) => change({ ageRange })}
        options={[
          { value: '', label: t('people.noAnswer') },
          ...ageRanges.map((a) => ({ value: a, label: t(`vocab.ageRange_${a}`) })),
        ]}
        error={errors.ageRange}
      />
      {text('gender', t('people.gender'), 60)}
      <fieldset class="group">
        <legend>{t('people.contactTitle')}</legend>
        <Field
          id="phone"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          label={t('people.phone')}
          hint={t('people.phoneHint')}
          maxLength={40}
          value={draft.phone}
          onValue={(phone) => change({ phone })}
          error={errors.phone}
        />
        <Check
          id="okToText"
          label={t('people.okToText')}
          checked={draft.okToText}
          onChecked={(okToText) => change({ okToText })}
        />
        <Check
          id="okToLeaveMessage"
          label={t('people.okToLeaveMessage')}
          checked={draft.okToLeaveMessage}
          onChecked={(okToLeaveMessage) => change({ okToLeaveMessage })}
        />
        <Check
          id="safeToContact"
          label={t('people.safeToContact')}
          hint={t('people.safeToContactHint')}
          checked={draft.safeToContact}
          onChecked={(safeToContact) => change({ safeToContact })}
        />
      </fieldset>
      {text('neighborhood', t('people.neighborhoodField'), 120)}
      <TextArea
        id="address"
        label={t('people.address')}
        maxLength={300}
        value={draft.address}
        onValue={(address) => change({ address })}
        error={errors.address}
      />
      <SelectField
        id="insuranceStatus"
        label={t('people.insuranceStatus')}
        value={draft.insuranceStatus}
        onValue={(insuranceStatus) => change({ insuranceStatus })}
        options={[
          { value: '', label: t('people.noAnswer') },
          ...insuranceStatuses.map((s) => ({ value: s, label: t(`vocab.insurance_${s}`) })),
        ]}
        error={errors.insuranceStatus}
      />
      <TextArea
        id="notes"
        label={t('people.notes')}
        maxLength={4000}
        value={draft.notes}
        onValue={(notes) => change({ notes })}
        error={errors.notes}
      />
    </>
  );
}
