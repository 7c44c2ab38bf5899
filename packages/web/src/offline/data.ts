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
  ReferralSettings,
  ReferralStatusRequest,
  Screening,
  ScreeningReply,
  ScreeningRequest,
  Task,
  Today,
  UpdateClientRequest,
  UpdateTaskRequest,
} from '@puente/core';
import { defaultReferralSettings } from '@puente/core';
import { api } from '../app/api';

export interface CaseloadPage {
  clients: ClientSummary[];
  total: number;
}

export interface CaseloadQuery {
  q?: string;
  chwId?: string;
  limit: number;
  offset: number;
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
  addTask(clientId: string, body: { title: string; dueOn: string }): Promise<Task>;
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
}

const base = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

/** Straight to the server: for roles that keep nothing on the phone, and before a PIN is set. */
export const remote: CaseloadData = {
  today: () => api<Today>('GET', '/api/today'),
  listClients(query) {
    const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
    if (query.q) params.set('q', query.q);
    if (query.chwId) params.set('chwId', query.chwId);
    return api<CaseloadPage>('GET', `/api/clients?${params}`);
  },
  getClient: (id) => api<Client>('GET', base(id)),
  registerClient: (body) => api<Client>('POST', '/api/clients', body),
  updateClient: (id, change) => api<Client>('PATCH', base(id), change),
  recordEncounter: (clientId, body) => api<Encounter>('POST', `${base(clientId)}/encounters`, body),
  addTask: (clientId, body) => api<Task>('POST', `${base(clientId)}/tasks`, body),
  changeTask: (taskId, change) => api<Task>('PATCH', `/api/tasks/${encodeURIComponent(taskId)}`, change),
  recordConsent: (clientId, body) => api<Consent>('POST', `${base(clientId)}/consents`, body),
  revokeConsent: (clientId, consentId) =>
    api<Consent>('POST', `${base(clientId)}/consents/${encodeURIComponent(consentId)}/revoke`, {}),
  listScreenings: (clientId) =>
    api<{ screenings: Screening[] }>('GET', `${base(clientId)}/screenings`).then((r) => r.screenings),
  outcomes: (clientId) => api<Outcomes>('GET', `${base(clientId)}/outcomes`),
  async recordScreening(clientId, _form, response) {
    const reply = await api<ScreeningReply>('POST', `${base(clientId)}/screenings`, response);
    return { screening: reply.screening, sent: true, alerted: reply.alertId !== null };
  },
  listReferrals: (clientId) =>
    api<{ referrals: Referral[] }>('GET', `${base(clientId)}/referrals`).then((r) => r.referrals),
  makeReferral: (clientId, body) => api<Referral>('POST', `${base(clientId)}/referrals`, body),
  moveReferral: (referralId, body) =>
    api<Referral>('POST', `/api/referrals/${encodeURIComponent(referralId)}/status`, body),
  logAttempt: (referralId, body) =>
    api<Referral>('POST', `/api/referrals/${encodeURIComponent(referralId)}/contact-attempts`, body),
  attemptsBeforeUnreachable: () =>
    api<ReferralSettings>('GET', '/api/referrals/settings')
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
