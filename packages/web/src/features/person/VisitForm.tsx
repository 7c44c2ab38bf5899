import { type Client, encounterActivities, encounterKinds } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Check, CheckGroup, Field, SelectField, TextArea } from '../../ui/Field';
import { inputToIso, languageChoices, languageName, nowForInput, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addEncounter } from './api';

type Kind = (typeof encounterKinds)[number];
type Activity = (typeof encounterActivities)[number];

/** Record a visit, call or text: when, how long, in which language, what happened, and a note. */
export function VisitForm({ client, onSaved }: { client: Client; onSaved: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('home-visit');
  const [when, setWhen] = useState(nowForInput);
  const [minutes, setMinutes] = useState('');
  const [language, setLanguage] = useState(client.preferredLanguage);
  const [activities, setActivities] = useState<Activity[]>([]);
  const [note, setNote] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const { busy, problem, errors, run } = useAction();
  const tags: string[] = [...languageChoices];
  if (!tags.includes(language)) tags.push(language);

  const submit = async (event: Event) => {
    event.preventDefault();
    const duration = optional(minutes);
    const saved = await run(async () => {
      await addEncounter(client.id, {
        kind,
        occurredAt: inputToIso(when),
        ...(duration ? { durationMinutes: Number(duration) } : {}),
        language,
        activities,
        ...(optional(note) ? { note } : {}),
        noteSensitive: sensitive,
      });
    });
    if (saved) onSaved();
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-visit-toggle">
      <ProblemAlert problem={problem} />
      <SelectField
        id="visit-kind"
        label={t('person.visitKind')}
        value={kind}
        onValue={(v) => setKind(encounterKinds.find((k) => k === v) ?? 'home-visit')}
        options={encounterKinds.map((k) => ({ value: k, label: t(`vocab.kind_${k}`) }))}
        error={errors.kind}
      />
      <Field
        id="visit-when"
        type="datetime-local"
        label={t('person.visitWhen')}
        value={when}
        onValue={setWhen}
        error={errors.occurredAt}
      />
      <Field
        id="visit-minutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        label={t('person.duration')}
        value={minutes}
        onValue={setMinutes}
        error={errors.durationMinutes}
      />
      <SelectField
        id="visit-language"
        label={t('person.visitLanguage')}
        value={language}
        onValue={setLanguage}
        options={tags.map((tag) => ({ value: tag, label: languageName(t, tag) }))}
        error={errors.language}
      />
      <CheckGroup
        id="visit-activities"
        legend={t('person.activities')}
        options={encounterActivities}
        labelOf={(a) => t(`vocab.activity_${a}`)}
        values={activities}
        onValues={setActivities}
        error={errors.activities}
      />
      <TextArea
        id="visit-note"
        label={t('person.note')}
        maxLength={8000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
      <Check
        id="visit-sensitive"
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
