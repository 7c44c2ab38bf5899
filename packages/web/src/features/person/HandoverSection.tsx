import { type ClientSummary, decide, isStaff, type Role, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { Field, SelectField, TextArea } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { listClients } from '../caseload/api';
import { getTeamOverview } from '../supervision/api';
import { listUsers } from '../users/api';
import { mergeClient, transferClient } from './api';
import type { SectionProps } from './section';

interface Chw {
  id: string;
  name: string;
}

/** The CHWs a person may be handed to: the supervisor's team, or every active CHW for whoever may move people across teams (an admin). */
async function assignableChws(acrossTeams: boolean): Promise<Chw[]> {
  if (acrossTeams) {
    const users = await listUsers();
    return users
      .filter((u) => u.role === 'chw' && !u.disabled)
      .map((u) => ({ id: u.id, name: u.displayName }));
  }
  return (await getTeamOverview()).members.map((m) => ({ id: m.chwId, name: m.chwName }));
}

function TransferForm({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const { me } = useSession();
  const [chws, setChws] = useState<Chw[]>([]);
  const [chwId, setChwId] = useState('');
  const [backupId, setBackupId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, problem, errors, run, setProblem } = useAction();
  useEffect(() => {
    assignableChws(roleCan(me.role, 'clients.handover-across-teams'))
      .then((list) => {
        setChws(list);
        setChwId(list.find((c) => c.id !== client.assignedChwId)?.id ?? '');
      })
      .catch((error) => setProblem(toProblem(error)));
  }, [me.role, client.assignedChwId]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const name = chws.find((c) => c.id === chwId)?.name ?? '';
    const body = { chwId, reason, backupChwId: backupId || null };
    if (await run(async () => transferClient(client.id, body)))
      await onChanged(t('team.transferred', { name }));
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t('team.transferTitle')}</h3>
      <ProblemAlert problem={problem} />
      <SelectField
        id="transfer-chw"
        label={t('team.transferTo')}
        value={chwId}
        onValue={setChwId}
        options={chws.map((c) => ({ value: c.id, label: c.name }))}
        error={errors.chwId}
        required
      />
      <SelectField
        id="transfer-backup"
        label={t('team.backup')}
        value={backupId}
        onValue={setBackupId}
        options={[
          { value: '', label: t('team.noBackup') },
          ...chws.map((c) => ({ value: c.id, label: c.name })),
        ]}
        error={errors.backupChwId}
      />
      <TextArea
        id="transfer-reason"
        label={t('team.reason')}
        maxLength={500}
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
      <button type="submit" class="primary" disabled={busy || chws.length === 0}>
        {busy ? t('team.saving') : t('team.transfer')}
      </button>
    </form>
  );
}

function MergeForm({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ClientSummary[]>([]);
  const [confirming, setConfirming] = useState<ClientSummary>();
  const { busy, problem, run } = useAction();
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound([]);
    const timer = setTimeout(() => {
      listClients({ q, limit: 10, offset: 0 })
        .then((page) => setFound(page.clients.filter((c) => c.id !== client.id)))
        .catch(() => setFound([]));
    }, 300);
    return () => clearTimeout(timer);
  }, [query, client.id]);
  const merge = async (dup: ClientSummary) => {
    if (await run(async () => mergeClient(client.id, dup.id))) {
      setConfirming(undefined);
      setQuery('');
      await onChanged(t('team.merged'));
    }
  };
  return (
    <section class="card" aria-labelledby="merge-title">
      <h3 id="merge-title">{t('team.mergeTitle')}</h3>
      <p class="hint">{t('team.mergeHint')}</p>
      <ProblemAlert problem={problem} />
      <Field
        id="merge-search"
        label={t('team.mergeSearch')}
        autocomplete="off"
        value={query}
        onValue={setQuery}
      />
      <ul class="plain-list">
        {found.map((c) => (
          <li key={c.id} class="step">
            <span>{c.displayName}</span>
            {confirming?.id === c.id ? (
              <span class="actions">
                <span>{t('team.mergeConfirm', { name: c.displayName })}</span>
                <button type="button" class="danger" disabled={busy} onClick={() => merge(c)}>
                  {t('team.mergeYes')}
                </button>
                <button type="button" disabled={busy} onClick={() => setConfirming(undefined)}>
                  {t('team.mergeNo')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                aria-label={t('team.mergeNamed', { name: c.displayName })}
                onClick={() => setConfirming(c)}
              >
                {t('team.merge')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whether the caller may move or merge this person: not through break-the-glass (the server decides too). */
function mayMove(role: Role, openedByBreakingGlass: boolean): boolean {
  if (!isStaff(role)) return false;
  return decide(
    { type: 'user', role },
    'transfer',
    { kind: 'identity', transfer: 'within-team' },
    { now: new Date(), relation: openedByBreakingGlass ? 'break-glass' : 'team', consents: [] },
  ).allowed;
}

/** Supervisors and admins: hand the person to another CHW, or merge a duplicate into this record. */
export function HandoverSection(props: SectionProps) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <section aria-labelledby="handover-title">
      <h2 id="handover-title">{t('person.handover')}</h2>
      {mayMove(me.role, props.client.accessUntil !== null) ? (
        <>
          <TransferForm {...props} />
          <MergeForm {...props} />
        </>
      ) : (
        <p class="hint">{t('errors.handoverNotHeld')}</p>
      )}
    </section>
  );
}
