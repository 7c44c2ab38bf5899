import { z } from 'zod';
import { text } from '../caseload/fields.js';
import { NewEncounterRequest } from '../caseload/schemas.js';
import { relationships } from './relationships.js';

const Relationship = z.enum(relationships);

/** A person starts a household of their own, as its head; its address is theirs unless given. */
export const StartHouseholdRequest = z.strictObject({
  id: z.uuid(),
  /** The head's membership, made on the phone like every other record. */
  memberId: z.uuid(),
  address: text(300).optional(),
});

/** A person joins a household, related to its head; `move` takes them out of the household they are in. */
export const JoinHouseholdRequest = z.strictObject({
  memberId: z.uuid(),
  relationship: Relationship.exclude(['head']),
  move: z.boolean().default(false),
});

/** One visit to a household, written as one encounter for each member who was there. */
export const HouseholdVisitRequest = z.strictObject({
  /** Who was present, each with the id of their encounter (made on the phone). */
  present: z
    .array(z.strictObject({ clientId: z.uuid(), encounterId: z.uuid() }))
    .min(1, 'households.noOnePresent')
    .max(20),
  encounter: NewEncounterRequest.omit({ id: true }),
});

/** A person's place in a household as the phone keeps it: the household's address comes along. */
export interface HouseholdMember {
  id: string;
  clientId: string;
  householdId: string;
  relationship: (typeof relationships)[number];
  address: string | null;
  joinedAt: string;
  /** Set when the person left the household (or moved to another): the phone forgets the membership. */
  leftAt: string | null;
}
