import type { Client, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { deviceToday } from '../../app/dates';
import { useI18n } from '../../app/i18n';
import { Link, type ScreenParams } from '../../app/router';
import { data } from '../../offline/data';
import type { HouseholdMemberView, HouseholdView } from '../../offline/household-data';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { MapLink } from '../../ui/MapLink';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { Disclosure } from '../person/Disclosure';
import { AddMemberForm } from './AddMemberForm';
import { HouseholdVisitForm } from './HouseholdVisitForm';
import { ageWords, lastContactWords, relationshipWords } from './words';
import './households.css';

function MemberRow({
  member,
  householdId,
  onRemoved,
}: {
  member: HouseholdMemberView;
  householdId: string;
  onRemoved: (name: string) => void;
}) {
  const { t, locale } = useI18n();
  const { busy, problem, run } = useAction();
  const remove = async () => {
    const done = await run(async () => {
      await data().households?.leaveHousehold(member.clientId, householdId);
    });
    if (done) onRemoved(member.displayName);
  };
  return (
    <li class="row household-member">
      <div class="row-main">
        <p class="row-title">
          <Link href={`/people/${member.clientId}`}>{member.displayName}</Link>
        </p>
        <p class="row-meta">
          {relationshipWords(t, member)} · {ageWords(t, member, deviceToday())}
        </p>
        <p class="row-meta">{lastContactWords(t, locale, member.lastContactAt)}</p>
        <ProblemAlert problem={problem} />
      </div>
      {member.relationship !== 'head' && (
        <button
          type="button"
          disabled={busy}
          aria-label={t('households.remove', { name: member.displayName })}
          onClick={() => void remove()}
        >
          {t('households.removeShort')}
        </button>
      )}
    </li>
  );
}

/**
 * A person's household as the phone holds it: the address, the members the
 * CHW may see (name, relationship, age, last contact), registering another
 * member, and one visit written up for everyone who was there.
 */
export function HouseholdScreen({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [client, setClient] = useState<Client>();
  const [household, setHousehold] = useState<HouseholdView | null>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const [visiting, setVisiting] = useState(false);
  const [adding, setAdding] = useState(false);
  const start = useAction();

  const reload = async () => {
    try {
      setClient(await data().getClient(id));
      setHousehold((await data().households?.householdOf(id)) ?? null);
      setProblem(undefined);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const syncedAt = useSyncedAt();
  useEffect(() => {
    void reload();
  }, [id, syncedAt]);

  const announce = async (message: string) => {
    await reload();
    setStatus(message);
  };

  if (!client) {
    return (
      <>
        <PageHeading text={problem ? t('households.link') : t('app.loading')} />
        <ProblemAlert problem={problem} />
      </>
    );
  }
  const head = household?.members.find((m) => m.relationship === 'head') ?? household?.members[0];
  const startOne = async () => {
    const done = await start.run(async () => {
      await data().households?.startHousehold(id);
    });
    if (done) await announce(t('households.started'));
  };

  return (
    <>
      <p class="crumb">
        <Link href={`/people/${id}`}>{t('households.back', { name: client.displayName })}</Link>
      </p>
      <PageHeading
        text={household ? t('households.title', { name: head?.displayName ?? '' }) : t('households.link')}
      />
      <StatusMessage message={status} />
      <ProblemAlert problem={problem ?? start.problem} />
      {!household ? (
        <section class="card">
          <p>{t('households.notInOne', { name: client.displayName })}</p>
          {data().households && (
            <button type="button" class="primary" disabled={start.busy} onClick={() => void startOne()}>
              {t('households.start', { name: client.displayName })}
            </button>
          )}
        </section>
      ) : (
        <>
          <p class="row-meta">
            {t('households.address')}:{' '}
            {household.address ? <MapLink address={household.address} /> : t('households.noAddress')}
          </p>
          <section aria-labelledby="household-members">
            <h2 id="household-members">{t('households.members')}</h2>
            <ul class="rows">
              {household.members.map((m) => (
                <MemberRow
                  key={m.clientId}
                  member={m}
                  householdId={household.id}
                  onRemoved={(name) => void announce(t('households.removed', { name }))}
                />
              ))}
            </ul>
            {household.members.length === 1 && <p class="hint">{t('households.empty')}</p>}
            <p>
              <Link
                href={`/people/new?household=${household.id}&from=${id}`}
                class="button household-register"
              >
                {t('households.registerMember')}
              </Link>
            </p>
          </section>
          <Disclosure
            id="household-add"
            label={t('households.addExisting')}
            open={adding}
            onToggle={setAdding}
          >
            <AddMemberForm
              household={household}
              onAdded={(name) => {
                setAdding(false);
                void announce(t('households.added', { name }));
              }}
            />
          </Disclosure>
          <Disclosure
            id="household-visit"
            label={t('households.recordVisit')}
            open={visiting}
            onToggle={setVisiting}
          >
            <HouseholdVisitForm
              household={household}
              language={client.preferredLanguage}
              onSaved={(count, sent) => {
                setVisiting(false);
                void announce(t(sent ? 'households.visitSaved' : 'households.visitSavedOffline', { count }));
                document.getElementById('household-visit-toggle')?.focus();
              }}
            />
          </Disclosure>
        </>
      )}
    </>
  );
}
