import { encounterActivities, encounterKinds } from '@puente/core';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import type { NewEncounter } from '../../offline/data';
import { Check, CheckGroup, Field, SelectField, TextArea } from '../../ui/Field';
import { inputToIso, languageChoices, languageName, nowForInput, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';

type Kind = (typeof encounterKinds)[number];
type Activity = (typeof encounterActivities)[number];

interface VisitFormProps {
  /** Prefix of the fields' ids: one person's visit and a household's visit can sit on one page. */
  idPrefix: string;
  /** The id of the button that opened the form, which names it. */
  labelledBy: string;
  /** The language the visit starts in (the person's, or the household's first member's). */
  language: string;
  /** Where the server puts the visit's field errors: '' for one person, 'encounter.' for a household. */
  errorPrefix?: string;
  /** Fields before the visit's own (a household's "who was there"), given the refusal's field errors. */
  before?: (errors: Partial<Record<string, string>>) => ComponentChildren;
  save: (encounter: NewEncounter) => Promise<unknown>;
  onSaved: () => void;
}

/**
 * Record a visit, call or text: when, how long, in which language, what happened, and a note.
 * One person's visit and a household's (several members at once) are this one form.
 */
export function VisitForm({
  idPrefix,
  labelledBy,
  language: firstLanguage,
  errorPrefix = '',
  before,
  save,
  onSaved,
}: VisitFormProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('home-visit');
  const [when, setWhen] = useState(nowForInput);
  const [minutes, setMinutes] = useState('');
  const [language, setLanguage] = useState(firstLanguage);
  const [activities, setActivities] = useState<Activity[]>([]);
  const [note, setNote] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const { busy, problem, errors, run } = useAction();
  const tags: string[] = [...languageChoices];
  if (!tags.includes(language)) tags.push(language);
  const error = (field: string) => errors[`${errorPrefix}${field}`];
  const id = (field: string) => `${idPrefix}-${field}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const duration = optional(minutes);
    const saved = await run(async () => {
      await save({
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
    <form class="card" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <ProblemAlert problem={problem} />
      {before?.(errors)}
      <SelectField
        id={id('kind')}
        label={t('person.visitKind')}
        value={kind}
        onValue={(v) => setKind(encounterKinds.find((k) => k === v) ?? 'home-visit')}
        options={encounterKinds.map((k) => ({ value: k, label: t(`vocab.kind_${k}`) }))}
        error={error('kind')}
      />
      <Field
        id={id('when')}
        type="datetime-local"
        label={t('person.visitWhen')}
        value={when}
        onValue={setWhen}
        error={error('occurredAt')}
      />
      <Field
        id={id('minutes')}
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        label={t('person.duration')}
        value={minutes}
        onValue={setMinutes}
        error={error('durationMinutes')}
      />
      <SelectField
        id={id('language')}
        label={t('person.visitLanguage')}
        value={language}
        onValue={setLanguage}
        options={tags.map((tag) => ({ value: tag, label: languageName(t, tag) }))}
        error={error('language')}
      />
      <CheckGroup
        id={id('activities')}
        legend={t('person.activities')}
        options={encounterActivities}
        labelOf={(a) => t(`vocab.activity_${a}`)}
        values={activities}
        onValues={setActivities}
        error={error('activities')}
      />
      <TextArea
        id={id('note')}
        label={t('person.note')}
        maxLength={8000}
        value={note}
        onValue={setNote}
        error={error('note')}
      />
      <Check
        id={id('sensitive')}
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
