import { needAreas, toE164 } from '@puente/core';
import { FhirProblem } from './outcome.js';

// A referral from a clinic to the program, as it arrives (Gravity SDOH Clinical Care, "referral
// to a community organisation"): the referral source makes a ServiceRequest and a Task whose
// focus is it, owned by the organisation asked to act, with the Patient and the Consent the
// request relies on (ServiceRequest.supportingInfo). Gravity has the source put the Task on the
// performer's server; Puente cannot read back from the clinic's, so all four come in one FHIR
// transaction Bundle POSTed to the base: the referral is taken whole or not at all.

/** An identifier the clinic gave, echoed back on what Puente serves. */
export interface SourceIdentifier {
  system: string;
  value: string;
}

export interface InboundReferral {
  patient: {
    identifier: SourceIdentifier;
    givenName: string;
    familyName: string;
    birthDate: string;
    phone: string | null;
    language: 'en' | 'es' | null;
    gender: string | null;
  };
  consent: { givenOn: string; scope: string };
  request: {
    identifier: SourceIdentifier | null;
    need: (typeof needAreas)[number];
    service: string;
    reason: string | null;
    priority: 'routine' | 'urgent' | 'asap' | 'stat';
    requester: string | null;
  };
  /** Each entry's fullUrl and type, in the order sent: the transaction-response answers in that order. */
  entries: { fullUrl: string; type: string }[];
}

type Json = Record<string, unknown>;
const TYPES = ['Patient', 'Consent', 'ServiceRequest', 'Task'] as const;
const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const PUENTE_NEED = 'https://puente.dev/fhir/CodeSystem/need-area';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A 400 or 422 naming the place of the problem in the Bundle: the clinic's integrator fixes it from the words. */
const invalid = (where: string, what: string) => new FhirProblem(422, 'invalid', `${where}: ${what}`);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500): string | null =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : null;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function realDay(v: unknown): string | null {
  if (typeof v !== 'string' || !DAY.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

function identifierOf(v: unknown, where: string): SourceIdentifier {
  const id = list(v).find(isObject);
  const system = text(id?.system, 300);
  const value = text(id?.value, 200);
  if (!system || !value)
    throw invalid(where, 'needs an identifier with a system and a value (the clinic’s own id for it).');
  return { system, value };
}

/** The reference must name another entry of the Bundle by its fullUrl. */
function refersTo(ref: unknown, fullUrl: string, where: string): void {
  if (!isObject(ref) || ref.reference !== fullUrl)
    throw invalid(where, `must reference the Bundle's own entry ${fullUrl}.`);
}

function parsePatient(p: Json, where: string): InboundReferral['patient'] {
  const identifier = identifierOf(p.identifier, `${where}.identifier`);
  const name = list(p.name).find(isObject);
  const givenName = text(list(name?.given)[0], 100);
  const familyName = text(name?.family, 100);
  if (!givenName || !familyName)
    throw invalid(`${where}.name`, 'needs a given and a family name (matching people needs both).');
  const birthDate = realDay(p.birthDate);
  if (!birthDate || birthDate > new Date().toISOString().slice(0, 10) || birthDate < '1900-01-01')
    throw invalid(`${where}.birthDate`, 'needs a full birth date (YYYY-MM-DD), not in the future.');
  const phones = list(p.telecom).filter((t) => isObject(t) && t.system === 'phone') as Json[];
  let phone: string | null = null;
  if (phones.length > 0) {
    const raw = text(phones[0]?.value, 40);
    phone = raw ? (toE164(raw) ?? null) : null;
    if (!phone) throw invalid(`${where}.telecom`, 'the phone number is not a number Puente can call.');
  }
  const language = list(p.communication)
    .flatMap((c) => (isObject(c) && isObject(c.language) ? list(c.language.coding) : []))
    .map((c) => (isObject(c) && typeof c.code === 'string' ? c.code.slice(0, 2).toLowerCase() : ''))
    .find((code) => code === 'en' || code === 'es') as 'en' | 'es' | undefined;
  const gender = typeof p.gender === 'string' ? p.gender : null;
  if (gender !== null && !['male', 'female', 'other', 'unknown'].includes(gender))
    throw invalid(`${where}.gender`, 'must be male, female, other or unknown.');
  return { identifier, givenName, familyName, birthDate, phone, language: language ?? null, gender };
}

function parseConsent(k: Json, where: string, patientUrl: string): InboundReferral['consent'] {
  if (k.status !== 'active')
    throw invalid(`${where}.status`, 'must be active: a referral cannot rest on a consent that is not.');
  refersTo(k.patient, patientUrl, `${where}.patient`);
  const scope = list(isObject(k.scope) ? k.scope.coding : [])
    .map((c) => (isObject(c) && typeof c.code === 'string' ? c.code : ''))
    .find(Boolean);
  if (!scope) throw invalid(`${where}.scope`, 'needs a coding (for example patient-privacy).');
  const givenOn = typeof k.dateTime === 'string' ? realDay(k.dateTime.slice(0, 10)) : null;
  if (!givenOn || givenOn > new Date().toISOString().slice(0, 10))
    throw invalid(`${where}.dateTime`, 'needs the date the person consented, not in the future.');
  return { givenOn, scope };
}

/** The need, from a ServiceRequest.category coded with Gravity's SDOH categories (or Puente's behavioural health). */
function needOf(category: unknown, where: string): InboundReferral['request']['need'] {
  const codes = list(category).flatMap((c) => (isObject(c) ? list(c.coding) : []));
  for (const c of codes) {
    if (!isObject(c) || (c.system !== SDOHCC && c.system !== PUENTE_NEED)) continue;
    const need = needAreas.find((n) => n === c.code);
    if (need) return need;
  }
  throw invalid(
    where,
    `needs a category coded in ${SDOHCC} (food-insecurity, housing-instability, transportation-insecurity, …) or ${PUENTE_NEED}|behavioral-health.`,
  );
}

function parseRequest(
  s: Json,
  where: string,
  urls: { patient: string; consent: string },
): InboundReferral['request'] {
  if (s.status !== 'active') throw invalid(`${where}.status`, 'must be active.');
  if (s.intent !== 'order') throw invalid(`${where}.intent`, 'must be order.');
  refersTo(s.subject, urls.patient, `${where}.subject`);
  if (!list(s.supportingInfo).some((r) => isObject(r) && r.reference === urls.consent))
    throw invalid(`${where}.supportingInfo`, `must reference the Consent entry ${urls.consent}.`);
  const code = isObject(s.code) ? s.code : {};
  const service =
    text(code.text, 300) ??
    list(code.coding)
      .map((c) => (isObject(c) ? text(c.display, 300) : null))
      .find(Boolean) ??
    null;
  if (!service)
    throw invalid(`${where}.code`, 'needs the service asked for (code.text or a coding’s display).');
  const priority = s.priority ?? 'routine';
  if (!['routine', 'urgent', 'asap', 'stat'].includes(String(priority)))
    throw invalid(`${where}.priority`, 'must be routine, urgent, asap or stat.');
  const reason =
    list(s.reasonCode)
      .map((r) => (isObject(r) ? text(r.text, 1000) : null))
      .find(Boolean) ?? null;
  const requester = isObject(s.requester) ? text(s.requester.display, 200) : null;
  return {
    identifier: s.identifier === undefined ? null : identifierOf(s.identifier, `${where}.identifier`),
    need: needOf(s.category, `${where}.category`),
    service,
    reason,
    priority: priority as InboundReferral['request']['priority'],
    requester,
  };
}

function checkTask(t: Json, where: string, urls: { patient: string; request: string }): void {
  if (t.status !== 'requested') throw invalid(`${where}.status`, 'must be requested: Puente moves it on.');
  if (t.intent !== 'order') throw invalid(`${where}.intent`, 'must be order.');
  refersTo(t.focus, urls.request, `${where}.focus`);
  refersTo(t.for, urls.patient, `${where}.for`);
}

/**
 * Reads a referral's transaction Bundle, or refuses it with an OperationOutcome naming the first
 * problem: one Patient, one Consent, one ServiceRequest and one Task, each POSTed under a
 * `urn:uuid:` fullUrl, referring to one another by those.
 */
export function parseInboundBundle(body: unknown): InboundReferral {
  if (!isObject(body) || body.resourceType !== 'Bundle')
    throw new FhirProblem(400, 'invalid', 'Send a Bundle of type transaction.');
  if (body.type !== 'transaction')
    throw new FhirProblem(
      400,
      'not-supported',
      'Only transaction Bundles are taken here (Bundle.type = transaction).',
    );
  const entries = list(body.entry);
  if (entries.length !== TYPES.length)
    throw invalid('Bundle.entry', 'needs exactly four entries: Patient, Consent, ServiceRequest and Task.');
  const byType = new Map<string, { resource: Json; fullUrl: string; where: string }>();
  const order: InboundReferral['entries'] = [];
  for (const [i, entry] of entries.entries()) {
    const where = `Bundle.entry[${i}]`;
    if (!isObject(entry) || !isObject(entry.resource)) throw invalid(where, 'needs a resource.');
    const type = String(entry.resource.resourceType ?? '');
    if (!(TYPES as readonly string[]).includes(type))
      throw invalid(`${where}.resource`, `a ${type || 'resource without a type'} is not part of a referral.`);
    if (byType.has(type))
      throw invalid(`${where}.resource`, `a second ${type}: send one referral per Bundle.`);
    const fullUrl = text(entry.fullUrl, 100);
    if (!fullUrl || !/^urn:uuid:[0-9a-f-]{36}$/i.test(fullUrl))
      throw invalid(`${where}.fullUrl`, 'needs a urn:uuid: fullUrl the other entries refer to.');
    if (order.some((o) => o.fullUrl === fullUrl)) throw invalid(`${where}.fullUrl`, 'is used twice.');
    const request = isObject(entry.request) ? entry.request : {};
    if (request.method !== 'POST' || request.url !== type)
      throw invalid(`${where}.request`, `must be POST ${type}: a referral creates, it does not update.`);
    byType.set(type, { resource: entry.resource, fullUrl, where: `${where}.resource` });
    order.push({ fullUrl, type });
  }
  const get = (type: (typeof TYPES)[number]) => {
    const found = byType.get(type);
    if (!found) throw invalid('Bundle.entry', `the ${type} is missing.`);
    return found;
  };
  const [patient, consent, request, task] = TYPES.map(get) as [
    ReturnType<typeof get>,
    ReturnType<typeof get>,
    ReturnType<typeof get>,
    ReturnType<typeof get>,
  ];
  const urls = { patient: patient.fullUrl, consent: consent.fullUrl, request: request.fullUrl };
  const parsed = {
    patient: parsePatient(patient.resource, patient.where),
    consent: parseConsent(consent.resource, consent.where, urls.patient),
    request: parseRequest(request.resource, request.where, urls),
    entries: order,
  };
  checkTask(task.resource, task.where, urls);
  return parsed;
}
