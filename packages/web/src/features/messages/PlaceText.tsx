import type { ClientSummary, InboxText } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { listClients } from '../caseload/api';
import { placeInboxText } from './api';

interface Props {
  text: InboxText;
  /** The text left the inbox: `name` is whose thread it is in now, undefined when marked handled. */
  onPlaced: (text: InboxText, name: string | undefined) => void;
}

/**
 * Under a text from an unknown number: find the person it is from among the
 * people the supervisor may see (the caseload search, by name or phone
 * digits) and put it in their thread, or mark it handled.
 */
export function PlaceText({ text, onPlaced }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ClientSummary[]>();
  const { busy, problem, run } = useAction();
  const id = `place-${text.id}`;
  const search = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      const page = await listClients({ q: q.trim(), limit: 10, offset: 0 });
      setFound(page.clients);
    });
  };
  const attach = (person: ClientSummary) =>
    run(async () => {
      await placeInboxText(text.id, { clientId: person.id });
      onPlaced(text, person.displayName);
    });
  const handled = () =>
    run(async () => {
      await placeInboxText(text.id, { handled: true });
      onPlaced(text, undefined);
    });
  return (
    <div class="place-text">
      <ProblemAlert problem={problem} />
      <form onSubmit={search} aria-label={t('smsAdmin.inboxFind', { number: text.from })}>
        <Field
          id={`${id}-q`}
          label={t('smsAdmin.inboxSearch')}
          hint={t('smsAdmin.inboxSearchHint')}
          value={q}
          onValue={setQ}
          maxLength={100}
        />
        <button type="submit" disabled={busy || q.trim() === ''}>
          {t('smsAdmin.inboxSearchButton')}
        </button>
      </form>
      {found?.length === 0 && <p class="hint">{t('smsAdmin.inboxNoMatch')}</p>}
      {found && found.length > 0 && (
        <ul class="rows" aria-label={t('smsAdmin.inboxMatches')}>
          {found.map((p) => (
            <li key={p.id} class="row">
              <div class="row-main">
                <p class="row-title">{p.displayName}</p>
                {p.assignedChwName && (
                  <p class="row-meta">{t('smsAdmin.inboxHeldBy', { name: p.assignedChwName })}</p>
                )}
              </div>
              <div class="row-actions">
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('smsAdmin.inboxAttachNamed', { name: p.displayName, number: text.from })}
                  onClick={() => attach(p)}
                >
                  {t('smsAdmin.inboxAttach')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          disabled={busy}
          aria-label={t('smsAdmin.inboxHandledNamed', { number: text.from })}
          onClick={handled}
        >
          {t('smsAdmin.inboxHandled')}
        </button>
      </p>
    </div>
  );
}
