import { type ClientSummary, type Relationship, relationshipKey, relationships } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { data } from '../../offline/data';
import type { HouseholdView } from '../../offline/household-data';
import { SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';

/**
 * Someone already in the caseload joins the household. One who lives in
 * another household is refused with the reason, and a second button moves them.
 */
export function AddMemberForm({
  household,
  onAdded,
}: {
  household: HouseholdView;
  onAdded: (name: string) => void;
}) {
  const { t } = useI18n();
  const [people, setPeople] = useState<ClientSummary[]>([]);
  const [person, setPerson] = useState('');
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const { busy, problem, run } = useAction();
  const inside = new Set(household.members.map((m) => m.clientId));
  const head = household.members.find((m) => m.relationship === 'head') ?? household.members[0];

  useEffect(() => {
    void data()
      .listClients({ limit: 1000, offset: 0 })
      .then((page) => setPeople(page.clients));
  }, []);

  const add = async (move: boolean) => {
    const required = t('fields.required');
    const gaps = {
      ...(person ? {} : { person: required }),
      ...(relationship ? {} : { relationship: required }),
    };
    setMissing(gaps);
    if (!person || !relationship) return;
    const done = await run(async () => {
      await data().households?.joinHousehold(person, household.id, relationship, move);
    });
    if (done) onAdded(people.find((p) => p.id === person)?.displayName ?? '');
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void add(false);
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="household-add-toggle">
      <ProblemAlert problem={problem} />
      {problem?.code === 'inAnother' && (
        <p>
          <button type="button" disabled={busy} onClick={() => void add(true)}>
            {t('households.moveHere')}
          </button>
        </p>
      )}
      <SelectField
        id="household-add-person"
        label={t('households.person')}
        value={person}
        onValue={setPerson}
        options={[
          { value: '', label: t('households.choose') },
          ...people.filter((p) => !inside.has(p.id)).map((p) => ({ value: p.id, label: p.displayName })),
        ]}
        error={missing.person}
        required
      />
      <SelectField
        id="household-add-relationship"
        label={t('households.relationshipToHead', { name: head?.displayName ?? '' })}
        value={relationship}
        onValue={(v) => setRelationship(relationships.find((r) => r === v) ?? '')}
        options={[
          { value: '', label: t('households.choose') },
          ...relationships
            .filter((r) => r !== 'head')
            .map((r) => ({ value: r, label: t(relationshipKey(r, null)) })),
        ]}
        error={missing.relationship}
        required
      />
      <button type="submit" class="primary" disabled={busy}>
        {t('households.add')}
      </button>
    </form>
  );
}
