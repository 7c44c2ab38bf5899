import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { MoreDetails, NameAndLanguage } from '../caseload/ClientFields';
import { type ClientDraft, draftFromClient, toUpdateRequest } from '../caseload/draft';
import { updateClient } from './api';
import type { SectionProps } from './section';

/** Change what is recorded about the person; an emptied field is cleared. */
export function DetailsSection({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ClientDraft>(() => draftFromClient(client));
  const { busy, problem, errors, run } = useAction();
  const change = (patch: Partial<ClientDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await run(async () => void (await updateClient(client.id, toUpdateRequest(draft))))) {
      await onChanged(t('person.detailsSaved'));
    }
  };
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{t('person.details')}</h2>
      <form class="card" onSubmit={submit} noValidate aria-labelledby="details-title">
        <p class="hint">{t('person.clearHint')}</p>
        <ProblemAlert problem={problem} />
        <NameAndLanguage draft={draft} change={change} errors={errors} />
        <MoreDetails draft={draft} change={change} errors={errors} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('person.savingDetails') : t('person.editDetails')}
        </button>
      </form>
    </section>
  );
}
