import { encounterActivities, encounterKinds } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { data } from '../../offline/data';
import type { HouseholdView } from '../../offline/household-data';
import { Check, CheckGroup, Field, SelectField, TextArea } from '../../ui/Field';
import { inputToIso, languageChoices, languageName, nowForInput, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';

type Kind = (typeof encounterKinds)[number];
type Activity = (typeof encounterActivities)[number];

/**
 * One visit to the household, written up once: who was there, then the visit's
 * own fields. Each member present gets the visit on their own history.
 */
export function HouseholdVisitForm({
  household,
  language: firstLanguage,
  onSaved,
}: {
  household: HouseholdView;
  language: string;
  onSaved: (count: number, sent: boolean) => void;
}) {
  const { t } = useI18n();
  const [present, setPresent] = useState<string[]>([]);
  const [kind, setKind] = useState<Kind>('home-visit');
  const [when, setWhen] = useState(nowForInput);
  const [language, setLanguage] = useState(firstLanguage);
  const [activities, setActivities] = useState<Activity[]>([]);
  const [note, setNote] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const { busy, problem, errors, run } = useAction();
  const tags: string[] = [...languageChoices];
  if (!tags.includes(language)) tags.push(language);
  const names = new Map(household.members.map((m) => [m.clientId, m.displayName]));

  const submit = async (event: Event) => {
    event.preventDefault();
    let sent = false;
    const saved = await run(async () => {
      const households = data().households;
      if (!households) return;
      ({ sent } = await households.visitHousehold(household.id, present, {
        kind,
        occurredAt: inputToIso(when),
        language,
        activities,
        ...(optional(note) ? { note } : {}),
        noteSensitive: sensitive,
      }));
    });
    if (saved) onSaved(present.length, sent);
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="household-visit-toggle">
      <ProblemAlert problem={problem} />
      <CheckGroup
        id="visit-present"
        legend={t('households.whoWasThere')}
        options={household.members.map((m) => m.clientId)}
        labelOf={(id) => names.get(id) ?? ''}
        values={present}
        onValues={setPresent}
        error={errors.present}
      />
      <SelectField
        id="household-visit-kind"
        label={t('person.visitKind')}
        value={kind}
        onValue={(v) => setKind(encounterKinds.find((k) => k === v) ?? 'home-visit')}
        options={encounterKinds.map((k) => ({ value: k, label: t(`vocab.kind_${k}`) }))}
        error={errors['encounter.kind']}
      />
      <Field
        id="household-visit-when"
        type="datetime-local"
        label={t('person.visitWhen')}
        value={when}
        onValue={setWhen}
        error={errors['encounter.occurredAt']}
      />
      <SelectField
        id="household-visit-language"
        label={t('person.visitLanguage')}
        value={language}
        onValue={setLanguage}
        options={tags.map((tag) => ({ value: tag, label: languageName(t, tag) }))}
      />
      <CheckGroup
        id="household-visit-activities"
        legend={t('person.activities')}
        options={encounterActivities}
        labelOf={(a) => t(`vocab.activity_${a}`)}
        values={activities}
        onValues={setActivities}
      />
      <TextArea
        id="household-visit-note"
        label={t('person.note')}
        maxLength={8000}
        value={note}
        onValue={setNote}
        error={errors['encounter.note']}
      />
      <Check
        id="household-visit-sensitive"
        label={t('person.noteSensitive')}
        hint={t('person.noteSensitiveHint')}
        checked={sensitive}
        onChecked={setSensitive}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('person.savingVisit') : t('person.saveVisit')}
      </button>
    </form>
  );
}
