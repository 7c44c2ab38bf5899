import type {
  Client,
  ClientSummary,
  Consent,
  ContactAttemptRequest,
  DirectoryResult,
  Encounter,
  NewClientRequest,
  NewEncounterInput,
  NewReferralRequest,
  Outcomes,
  Questionnaire,
  Referral,
  ReferralStatusRequest,
  Screening,
  ScreeningRequest,
  Task,
  Today,
  UpdateClientRequest,
  UpdateTaskRequest,
} from '@puente/core';
import { type CaseloadView, defaultReferralSettings } from '@puente/core';
import { type Body, call } from '../app/api-client';
import type { HouseholdData } from './household-data';

export interface CaseloadPage {
  clients: ClientSummary[];
  total: number;
  /** What the filters can offer, from the whole caseload; only the phone's copy knows (the server's list does not). */
  choices?: CaseloadChoices;
}

/** Language tags, neighbourhoods as written, and need domains found in the caseload. */
export interface CaseloadChoices {
  languages: string[];
  neighborhoods: string[];
  needs: string[];
}

export interface CaseloadQuery {
  q?: string;
  chwId?: string;
  limit: number;
  offset: number;
  /** Sort and filters; applied by the phone's copy (works without signal). */
  view?: CaseloadView;
}

export type NewEncounter = NewEncounterInput;
export type NewReferral = Omit<NewReferralRequest, 'id'> & { id?: string };

/** A screen as kept: `sent` once the server has it (and scored it again), `alerted` when it raised or joined a risk alert. */
export interface ScreeningSaved {
  screening: Screening;
  sent: boolean;
  alerted: boolean;
}

/**
 * The one way screens read and write the caseload. The remote adapter talks
 * to the server; the local adapter reads the phone's encrypted copy and
 * writes to its outbox. A screen never knows which one it has.
 */
export interface CaseloadData {
  today(): Promise<Today>;
  listClients(query: CaseloadQuery): Promise<CaseloadPage>;
  getClient(id: string): Promise<Client>;
  registerClient(body: NewClientRequest): Promise<Client>;
  updateClient(id: string, change: UpdateClientRequest): Promise<Client>;
  recordEncounter(clientId: string, body: NewEncounter): Promise<Encounter>;
  addTask(clientId: string, body: { title: string; dueOn: string; visitAt?: string }): Promise<Task>;
  changeTask(taskId: string, change: UpdateTaskRequest): Promise<Task>;
  recordConsent(clientId: string, body: Record<string, unknown>): Promise<Consent>;
  /** The person withdrew a consent; offline, it is withdrawn on the phone at once and sent with the rest. */
  revokeConsent(clientId: string, consentId: string): Promise<Consent>;
  listScreenings(clientId: string): Promise<Screening[]>;
  outcomes(clientId: string): Promise<Outcomes>;
  /** `form` is the questionnaire answered: the phone scores with it until the server's score arrives. */
  recordScreening(clientId: string, form: Questionnaire, response: ScreeningRequest): Promise<ScreeningSaved>;
  listReferrals(clientId: string): Promise<Referral[]>;
  /** `service` is the directory result chosen: the phone shows the referral from it until the server's arrives. */
  makeReferral(clientId: string, body: NewReferral, service: DirectoryResult): Promise<Referral>;
  /** The CHW moves a referral (or records the partner's answer); offline, the card shows the move at once. */
  moveReferral(referralId: string, body: ReferralStatusRequest): Promise<Referral>;
  /** One try to reach the person about a referral; offline, it counts on the card at once. */
  logAttempt(referralId: string, body: ContactAttemptRequest): Promise<Referral>;
  /** The program's failed tries before a referral may close as unreachable; without an answer, the default rule. */
  attemptsBeforeUnreachable(): Promise<number>;
  /**
   * Screens and referrals with something not on the server yet, by id:
   * `made` on this phone, or `changed` here (a referral moved or a contact attempt logged).
   */
  unsent(clientId: string): ReadonlyMap<string, 'made' | 'changed'>;
  /** After a write only the server can do (a goal, a consent): bring the local copy up to date. */
  refresh(): Promise<void>;
  /** Households live in the phone's copy (its members are the people it holds); without one, there are none to show. */
  households?: HouseholdData;
}

/** Straight to the server: for roles that keep nothing on the phone, and before a PIN is set. */
export const remote: CaseloadData = {
  today: () => call('get', '/api/today'),
  listClients: ({ limit, offset, q, chwId }) =>
    call('get', '/api/clients', { query: { limit, offset, q: q || undefined, chwId: chwId || undefined } }),
  getClient: (id) => call('get', '/api/clients/{id}', { path: { id } }),
  registerClient: (body) => call('post', '/api/clients', { body }),
  updateClient: (id, change) => call('patch', '/api/clients/{id}', { path: { id }, body: change }),
  recordEncounter: (clientId, body) =>
    call('post', '/api/clients/{id}/encounters', { path: { id: clientId }, body }),
  addTask: (clientId, body) => call('post', '/api/clients/{id}/tasks', { path: { id: clientId }, body }),
  changeTask: (taskId, change) => call('patch', '/api/tasks/{taskId}', { path: { taskId }, body: change }),
  // The consent form's fields, checked by the server (and by the phone's copy when it keeps one).
  recordConsent: (clientId, body) =>
    call('post', '/api/clients/{id}/consents', {
      path: { id: clientId },
      body: body as Body<'post', '/api/clients/{id}/consents'>,
    }),
  revokeConsent: (clientId, consentId) =>
    call('post', '/api/clients/{id}/consents/{consentId}/revoke', {
      path: { id: clientId, consentId },
      body: {},
    }),
  listScreenings: (clientId) =>
    call('get', '/api/clients/{id}/screenings', { path: { id: clientId } }).then((r) => r.screenings),
  outcomes: (clientId) => call('get', '/api/clients/{id}/outcomes', { path: { id: clientId } }),
  async recordScreening(clientId, _form, response) {
    const reply = await call('post', '/api/clients/{id}/screenings', {
      path: { id: clientId },
      body: response,
    });
    return { screening: reply.screening, sent: true, alerted: reply.alertId !== null };
  },
  listReferrals: (clientId) =>
    call('get', '/api/clients/{id}/referrals', { path: { id: clientId } }).then((r) => r.referrals),
  makeReferral: (clientId, body) =>
    call('post', '/api/clients/{id}/referrals', { path: { id: clientId }, body }),
  moveReferral: (referralId, body) =>
    call('post', '/api/referrals/{id}/status', { path: { id: referralId }, body }),
  logAttempt: (referralId, body) =>
    call('post', '/api/referrals/{id}/contact-attempts', { path: { id: referralId }, body }),
  attemptsBeforeUnreachable: () =>
    call('get', '/api/referrals/settings')
      .then((s) => s.attemptsBeforeUnreachable)
      .catch(() => defaultReferralSettings.attemptsBeforeUnreachable),
  unsent: () => new Map(),
  refresh: () => Promise.resolve(),
};

let current: CaseloadData = remote;

/** The adapter screens use now. */
export const data = (): CaseloadData => current;

/** Switches every screen to another adapter (the local one once the phone's copy is unlocked). */
export function setAdapter(adapter: CaseloadData): void {
  current = adapter;
}
