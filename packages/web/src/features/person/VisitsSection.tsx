import { type Encounter, encounterActivities } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { formatMoment, languageName } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addEncounter, getEncounter } from './api';
import { Disclosure } from './Disclosure';
import type { SectionProps } from './section';
import { VisitForm } from './VisitForm';

function VisitRow({ clientId, visit }: { clientId: string; visit: Encounter }) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState(visit.note);
  const { busy, problem, run } = useAction();
  const kind = t(`vocab.kind_${visit.kind}`);
  const line =
    visit.durationMinutes === null
      ? t('person.visitByNoMinutes', { kind, author: visit.authorName })
      : t('person.visitBy', { kind, minutes: visit.durationMinutes, author: visit.authorName });
  const activities = encounterActivities
    .filter((a) => visit.activities.includes(a))
    .map((a) => t(`vocab.activity_${a}`))
    .join(', ');
  const show = () => run(async () => setNote((await getEncounter(clientId, visit.id)).note));
  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">{formatMoment(locale, visit.occurredAt)}</p>
        <p class="row-meta">
          {line} · {languageName(t, visit.language)}
        </p>
        {activities && <p class="row-meta">{activities}</p>}
        {visit.noteSensitive && <span class="badge badge--warn">{t('person.sensitiveNote')}</span>}
        {note !== null && <p class="note">{note}</p>}
        {note === null && visit.noteSensitive && (
          <p>
            <button type="button" disabled={busy} onClick={show}>
              {busy ? t('person.showingNote') : t('person.showNote')}
            </button>
          </p>
        )}
        <ProblemAlert problem={problem} />
      </div>
    </li>
  );
}

/** Visits, calls and texts, newest first, and the form to record one. */
export function VisitsSection({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const served = client.consents.some((c) => c.kind === 'service' && !c.revokedAt);
  const saved = async () => {
    setOpen(false);
    await onChanged(t('person.visitSaved'));
    document.getElementById('new-visit-toggle')?.focus();
  };
  return (
    <section aria-labelledby="visits-title">
      <h2 id="visits-title">{t('person.visits')}</h2>
      {!served && <p class="warning">{t('person.noConsent')}</p>}
      <Disclosure id="new-visit" label={t('person.recordVisit')} open={open} onToggle={setOpen}>
        <VisitForm
          idPrefix="visit"
          labelledBy="new-visit-toggle"
          language={client.preferredLanguage}
          save={(encounter) => addEncounter(client.id, encounter)}
          onSaved={saved}
        />
      </Disclosure>
      {client.encounters.length === 0 ? (
        <p class="hint">{t('person.noVisits')}</p>
      ) : (
        <ul class="rows">
          {client.encounters.map((v) => (
            <VisitRow key={v.id} clientId={client.id} visit={v} />
          ))}
        </ul>
      )}
    </section>
  );
}
