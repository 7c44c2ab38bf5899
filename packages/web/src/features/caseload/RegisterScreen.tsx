import { type Client, type Relationship, relationshipKey, relationships } from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { data } from '../../offline/data';
import type { HouseholdView } from '../../offline/household-data';
import { SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { type DuplicateMatch, registerClient } from './api';
import { MoreDetails, NameAndLanguage } from './ClientFields';
import { DuplicateWarning } from './DuplicateWarning';
import { type ClientDraft, detailFields, emptyDraft, toNewRequest } from './draft';

/** After registering: say so, and offer to record consent before anything else. */
function Registered({ client }: { client: Client }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card" aria-labelledby="registered-title">
      <div role="status" class="status">
        <p>{t('people.registered', { name: client.displayName })}</p>
      </div>
      <h2 id="registered-title" tabIndex={-1} ref={heading}>
        {t('people.consentOffer')}
      </h2>
      <p>{t('people.consentOfferBody')}</p>
      <p class="actions">
        <Link href={`/people/${client.id}/consent`} class="button primary">
          {t('people.recordConsent')}
        </Link>
        <Link href={`/people/${client.id}`} class="button">
          {t('people.later')}
        </Link>
      </p>
    </section>
  );
}

/** From a household page: `?household=…&from=<the person whose household it is>`. */
function householdAsked(): { householdId: string; from: string } | undefined {
  const query = new URLSearchParams(location.search);
  const householdId = query.get('household');
  const from = query.get('from');
  return householdId && from ? { householdId, from } : undefined;
}

/**
 * Register a person: a first name and a language up front, the rest only if they want to share it.
 * Opened from a household page, the household's address is filled in, the new person joins it
 * with the relationship chosen, and the household page comes back.
 */
export function RegisterScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const [draft, setDraft] = useState<ClientDraft>(() => emptyDraft(me.locale));
  const [more, setMore] = useState(false);
  const [created, setCreated] = useState<Client>();
  const [asked] = useState(householdAsked);
  const [household, setHousehold] = useState<HouseholdView>();
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [relationshipError, setRelationshipError] = useState<string>();
  const { busy, problem, errors, run } = useAction();
  const change = (patch: Partial<ClientDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const duplicate = problem?.code === 'possibleDuplicate' ? problem : undefined;
  const detailsOpen = more || Object.keys(errors).some((k) => detailFields.includes(k));
  const head = household?.members.find((m) => m.relationship === 'head') ?? household?.members[0];

  useEffect(() => {
    if (!asked) return;
    void data()
      .households?.householdOf(asked.from)
      .then((found) => {
        if (found?.id !== asked.householdId) return;
        setHousehold(found);
        if (found.address) {
          change({ address: found.address });
          setMore(true);
        }
      });
  }, []);

  const send = async (notADuplicate: boolean) => {
    if (household && !relationship) {
      setRelationshipError(t('fields.required'));
      document.getElementById('relationship')?.focus();
      return;
    }
    setRelationshipError(undefined);
    await run(async () => {
      const body = toNewRequest(draft);
      const person = await registerClient(notADuplicate ? { ...body, notADuplicate: true } : body);
      if (household && relationship && asked) {
        await data().households?.joinHousehold(person.id, household.id, relationship);
        navigate(`/people/${asked.from}/household`);
        return;
      }
      setCreated(person);
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <>
      <PageHeading text={t('people.registerTitle')} />
      {created ? (
        <Registered client={created} />
      ) : (
        <form class="card" onSubmit={submit} noValidate aria-labelledby="page-heading">
          <p class="hint">{t('people.registerIntro')}</p>
          {duplicate ? (
            <DuplicateWarning
              duplicates={(duplicate.duplicates as DuplicateMatch[] | undefined) ?? []}
              heldElsewhere={duplicate.heldElsewhere === true}
              busy={busy}
              onRegisterAnyway={() => void send(true)}
            />
          ) : (
            <ProblemAlert problem={problem} />
          )}
          {household && head && (
            <>
              <p class="hint">{t('households.joiningHousehold', { name: head.displayName })}</p>
              <SelectField
                id="relationship"
                label={t('households.relationshipToHead', { name: head.displayName })}
                value={relationship}
                onValue={(v) => setRelationship(relationships.find((r) => r === v) ?? '')}
                options={[
                  { value: '', label: t('households.choose') },
                  ...relationships
                    .filter((r) => r !== 'head')
                    .map((r) => ({ value: r, label: t(relationshipKey(r, draft.gender)) })),
                ]}
                error={relationshipError}
                required
              />
            </>
          )}
          <NameAndLanguage draft={draft} change={change} errors={errors} />
          <p>
            <button
              type="button"
              aria-expanded={detailsOpen}
              aria-controls="more-details"
              onClick={() => setMore(!detailsOpen)}
            >
              {t('people.moreDetails')}
            </button>
          </p>
          <div id="more-details" hidden={!detailsOpen}>
            <MoreDetails draft={draft} change={change} errors={errors} />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('people.submitting') : t('people.submit')}
          </button>
        </form>
      )}
    </>
  );
}
