import type { NewEncounterInput, Relationship } from '@puente/core';

/** One member as the household page lists them: only people the phone holds, so only people the CHW may see. */
export interface HouseholdMemberView {
  clientId: string;
  displayName: string;
  gender: string | null;
  relationship: Relationship;
  birthDate: string | null;
  ageRange: string | null;
  lastContactAt: string | null;
}

export interface HouseholdView {
  id: string;
  address: string | null;
  /** The head first, then by name. */
  members: HouseholdMemberView[];
}

/** Households from the phone's copy: read, started, joined, left and visited without signal. */
export interface HouseholdData {
  householdOf(clientId: string): Promise<HouseholdView | null>;
  startHousehold(clientId: string): Promise<HouseholdView>;
  joinHousehold(
    clientId: string,
    householdId: string,
    relationship: Relationship,
    move?: boolean,
  ): Promise<void>;
  leaveHousehold(clientId: string, householdId: string): Promise<void>;
  /** One encounter for each member present; `sent` once the server has them all. */
  visitHousehold(
    householdId: string,
    present: string[],
    encounter: NewEncounterInput,
  ): Promise<{ sent: boolean }>;
}
