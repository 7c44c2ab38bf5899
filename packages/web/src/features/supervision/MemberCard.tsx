import type { ClientSummary, TeamOverview } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatMoment } from '../../ui/format';
import { listClients } from '../caseload/api';
import { SupervisionNotes } from './SupervisionNotes';

type Member = TeamOverview['members'][number];

/** The first page of one CHW's caseload, as links. */
function MemberPeople({ chwId }: { chwId: string }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<ClientSummary[]>();
  useEffect(() => {
    listClients({ chwId, limit: 50, offset: 0 })
      .then((page) => setPeople(page.clients))
      .catch(() => setPeople([]));
  }, [chwId]);
  if (!people) return <p role="status">{t('app.loading')}</p>;
  return (
    <ul class="plain-list">
      {people.map((c) => (
        <li key={c.id}>
          <Link href={`/people/${c.id}`}>{c.displayName}</Link>
        </li>
      ))}
    </ul>
  );
}

interface ToggleProps {
  id: string;
  label: string;
  children: () => preact.ComponentChildren;
}

function Toggle({ id, label, children }: ToggleProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p>
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {label}
        </button>
      </p>
      <div id={id} hidden={!open}>
        {open && children()}
      </div>
    </>
  );
}

/** One CHW on the team: caseload size, overdue count, who has gone quiet, their people and supervision notes. */
export function MemberCard({ member, days }: { member: Member; days: number }) {
  const { t, locale } = useI18n();
  const id = `member-${member.chwId}`;
  return (
    <li class="card">
      <h3 id={id}>{member.chwName}</h3>
      <p class="row-meta">
        {t('team.memberLine', { clients: member.clients, overdue: member.overdueTasks })}
      </p>
      <h4>{t('team.noContactTitle', { days })}</h4>
      {member.noRecentContact.length === 0 ? (
        <p class="hint">{t('team.noContactNone')}</p>
      ) : (
        <ul class="plain-list">
          {member.noRecentContact.map((c) => (
            <li key={c.id}>
              <Link href={`/people/${c.id}`}>{c.displayName}</Link>{' '}
              <span class="hint">
                (
                {c.lastContactAt
                  ? t('team.lastContact', { date: formatMoment(locale, c.lastContactAt) })
                  : t('team.neverContacted')}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
      {member.clients > 0 && (
        <Toggle
          id={`${id}-people`}
          label={t('team.showPeople', { name: member.chwName, count: member.clients })}
        >
          {() => <MemberPeople chwId={member.chwId} />}
        </Toggle>
      )}
      <Toggle id={`${id}-notes`} label={t('team.notesFor', { name: member.chwName })}>
        {() => <SupervisionNotes chwId={member.chwId} chwName={member.chwName} />}
      </Toggle>
    </li>
  );
}
