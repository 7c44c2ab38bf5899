import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { data } from '../../offline/data';
import type { HouseholdView } from '../../offline/household-data';
import { CheckGroup } from '../../ui/Field';
import { VisitForm } from '../person/VisitForm';

/**
 * One visit to the household, written up once: who was there, then the same fields as one
 * person's visit (VisitForm). Each member present gets the visit on their own history.
 */
export function HouseholdVisitForm({
  household,
  language,
  onSaved,
}: {
  household: HouseholdView;
  language: string;
  onSaved: (count: number, sent: boolean) => void;
}) {
  const { t } = useI18n();
  const [present, setPresent] = useState<string[]>([]);
  // Whether the visit left the phone already: read right after saving, so not a state that renders later.
  const sent = useRef(false);
  const names = new Map(household.members.map((m) => [m.clientId, m.displayName]));

  return (
    <VisitForm
      idPrefix="household-visit"
      labelledBy="household-visit-toggle"
      language={language}
      errorPrefix="encounter."
      before={(errors) => (
        <CheckGroup
          id="visit-present"
          legend={t('households.whoWasThere')}
          options={household.members.map((m) => m.clientId)}
          labelOf={(id) => names.get(id) ?? ''}
          values={present}
          onValues={setPresent}
          error={errors.present}
        />
      )}
      save={async (encounter) => {
        const households = data().households;
        if (!households) return;
        sent.current = (await households.visitHousehold(household.id, present, encounter)).sent;
      }}
      onSaved={() => onSaved(present.length, sent.current)}
    />
  );
}
