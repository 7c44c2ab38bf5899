import { HouseholdVisitRequest, JoinHouseholdRequest, type MemberRecord, uuidv7 } from '@puente/core';
import type { Bundle } from './bundle';
import type { HouseholdData, HouseholdMemberView, HouseholdView } from './household-data';
import type { LocalWrites } from './local-referrals';
import { refusal, valid } from './refusals';
import type { Holdings } from './views';

const current = (b: Bundle | undefined): MemberRecord | undefined =>
  Object.values(b?.members ?? {}).find((m) => !m.leftAt);

/** The household `householdId` as far as the phone holds its members. */
export function householdView(holdings: Holdings, householdId: string): HouseholdView | null {
  const members: HouseholdMemberView[] = [];
  let address: string | null = null;
  for (const b of holdings.all()) {
    const m = current(b);
    if (!b.client || m?.householdId !== householdId) continue;
    address = m.address;
    const c = b.client;
    members.push({
      clientId: c.id,
      displayName: c.displayName,
      gender: c.gender,
      relationship: m.relationship,
      birthDate: c.birthDate,
      ageRange: c.ageRange,
      lastContactAt: c.lastContactAt,
    });
  }
  if (members.length === 0) return null;
  const rank = (m: HouseholdMemberView) => (m.relationship === 'head' ? 0 : 1);
  members.sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
  return { id: householdId, address, members };
}

export function localHouseholds({ store, me, client, write }: LocalWrites): HouseholdData {
  const locale = () => me().locale;
  const holdings = () => store.holdings();
  const membership = (clientId: string) => current(holdings().get(client(clientId).id));
  const household = (householdId: string) => {
    const found = householdView(holdings(), householdId);
    if (!found) throw refusal(locale(), 404, 'households.notFound');
    return found;
  };

  return {
    async householdOf(clientId) {
      const m = membership(clientId);
      return m ? householdView(holdings(), m.householdId) : null;
    },
    async startHousehold(clientId) {
      if (membership(clientId)) throw refusal(locale(), 409, 'households.alreadyInOne');
      const id = uuidv7();
      await write(
        { id: uuidv7(), kind: 'household.start', clientId, household: { id, memberId: uuidv7() } },
        clientId,
      );
      return household(id);
    },
    async joinHousehold(clientId, householdId, relationship, move = false) {
      household(householdId);
      const join = valid(JoinHouseholdRequest, { memberId: uuidv7(), relationship, move }, locale());
      const now = membership(clientId);
      if (now?.householdId === householdId) throw refusal(locale(), 409, 'households.alreadyMember');
      if (now && !move) throw refusal(locale(), 409, 'households.inAnother', { canMove: true });
      await write({ id: uuidv7(), kind: 'household.join', clientId, householdId, join }, clientId);
    },
    async leaveHousehold(clientId, householdId) {
      const found = household(householdId);
      const m = membership(clientId);
      if (m?.householdId !== householdId) throw refusal(locale(), 404, 'households.notMember');
      if (found.members.length <= 1) throw refusal(locale(), 409, 'households.lastMember');
      if (m.relationship === 'head') throw refusal(locale(), 409, 'households.headCannotLeave');
      await write({ id: uuidv7(), kind: 'household.leave', clientId, householdId }, clientId);
    },
    async visitHousehold(householdId, present, encounter) {
      const found = household(householdId);
      const ids = new Set(found.members.map((m) => m.clientId));
      if (present.some((id) => !ids.has(id))) throw refusal(locale(), 400, 'households.presentNotMember');
      const visit = valid(
        HouseholdVisitRequest,
        { present: present.map((clientId) => ({ clientId, encounterId: uuidv7() })), encounter },
        locale(),
      );
      const [first] = visit.present;
      if (!first) throw refusal(locale(), 400, 'households.noOnePresent');
      const mutationId = uuidv7();
      await write({ id: mutationId, kind: 'household.visit', householdId, visit }, first.clientId);
      return { sent: store.outbox.get(mutationId) === undefined };
    },
  };
}
