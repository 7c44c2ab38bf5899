import {
  ageRanges,
  type Client,
  insuranceStatuses,
  type NewClientRequest,
  type UpdateClientRequest,
} from '@puente/core';
import { optional } from '../../ui/format';

/** What the person form holds while someone types: strings as typed, flags as booleans. */
export interface ClientDraft {
  givenName: string;
  preferredLanguage: string;
  preferredName: string;
  familyName: string;
  birthDate: string;
  ageRange: string;
  gender: string;
  phone: string;
  okToText: boolean;
  okToLeaveMessage: boolean;
  safeToContact: boolean;
  neighborhood: string;
  address: string;
  insuranceStatus: string;
  notes: string;
}

const texts = [
  'preferredName',
  'familyName',
  'birthDate',
  'gender',
  'phone',
  'neighborhood',
  'address',
  'notes',
] as const;

/** Fields that live under "more details"; an error in one of them opens that part of the form. */
export const detailFields: readonly string[] = [
  ...texts,
  'ageRange',
  'insuranceStatus',
  'okToText',
  'okToLeaveMessage',
  'safeToContact',
];

export function emptyDraft(language: string): ClientDraft {
  return {
    givenName: '',
    preferredLanguage: language,
    preferredName: '',
    familyName: '',
    birthDate: '',
    ageRange: '',
    gender: '',
    phone: '',
    okToText: false,
    okToLeaveMessage: false,
    safeToContact: true,
    neighborhood: '',
    address: '',
    insuranceStatus: '',
    notes: '',
  };
}

export function draftFromClient(c: Client): ClientDraft {
  return {
    givenName: c.givenName,
    preferredLanguage: c.preferredLanguage,
    preferredName: c.preferredName ?? '',
    familyName: c.familyName ?? '',
    birthDate: c.birthDate ?? '',
    ageRange: c.ageRange ?? '',
    gender: c.gender ?? '',
    phone: c.phone ?? '',
    okToText: c.okToText,
    okToLeaveMessage: c.okToLeaveMessage,
    safeToContact: c.safeToContact,
    neighborhood: c.neighborhood ?? '',
    address: c.address ?? '',
    insuranceStatus: c.insuranceStatus ?? '',
    notes: c.notes ?? '',
  };
}

const ageRangeOf = (v: string) => ageRanges.find((a) => a === v);
const insuranceOf = (v: string) => insuranceStatuses.find((s) => s === v);

/** A registration: only what was filled in is sent. */
export function toNewRequest(d: ClientDraft): NewClientRequest {
  const body: NewClientRequest = {
    givenName: d.givenName,
    preferredLanguage: d.preferredLanguage,
    okToText: d.okToText,
    okToLeaveMessage: d.okToLeaveMessage,
    safeToContact: d.safeToContact,
  };
  for (const key of texts) {
    const value = optional(d[key]);
    if (value !== undefined) body[key] = value;
  }
  const ageRange = ageRangeOf(d.ageRange);
  if (ageRange) body.ageRange = ageRange;
  const insuranceStatus = insuranceOf(d.insuranceStatus);
  if (insuranceStatus) body.insuranceStatus = insuranceStatus;
  return body;
}

/** A change of details: every field is sent, and an emptied one is cleared (null). */
export function toUpdateRequest(d: ClientDraft): UpdateClientRequest {
  const body: UpdateClientRequest = {
    givenName: d.givenName,
    preferredLanguage: d.preferredLanguage,
    okToText: d.okToText,
    okToLeaveMessage: d.okToLeaveMessage,
    safeToContact: d.safeToContact,
    ageRange: ageRangeOf(d.ageRange) ?? null,
    insuranceStatus: insuranceOf(d.insuranceStatus) ?? null,
  };
  for (const key of texts) body[key] = optional(d[key]) ?? null;
  return body;
}
