import { canonicalJson } from '@puente/core';
import type { FhirResource } from './mappers/common.js';
import { FhirProblem } from './outcome.js';

// What a clinic may change of a Task it sent to the program (Gravity SDOHCC, the requester's side):
// it withdraws the referral, status `cancelled` with an optional statusReason. Everything else of
// the Task is the program's to move, so an update that changes anything else is refused by name.

/** The clinic's cancellation, as read from a PUT or a JSON Patch. */
export interface Cancellation {
  /** Why, in the clinic's words (statusReason.text, else its first coding's display or code). */
  reason: string | null;
}

/** The fields a clinic may write. */
const WRITABLE = new Set(['status', 'statusReason']);
/** The server's (meta, narrative) and what the program moves (when, what came of it): a stale copy is no change. */
const IGNORED = new Set(['meta', 'text', 'lastModified', 'output']);
const REASON_MAX = 1000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function reasonOf(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value))
    throw new FhirProblem(
      422,
      'invalid',
      `${where} must be a CodeableConcept, such as {"text": "Patient moved away"}.`,
    );
  const coding = Array.isArray(value.coding) && isObject(value.coding[0]) ? value.coding[0] : undefined;
  const words = [value.text, coding?.display, coding?.code].find(
    (w): w is string => typeof w === 'string' && w.trim() !== '',
  );
  if (words === undefined) {
    if (value.text !== undefined || value.coding !== undefined)
      throw new FhirProblem(422, 'invalid', `${where} has neither text nor a coding with a display or code.`);
    return null;
  }
  if (words.length > REASON_MAX)
    throw new FhirProblem(422, 'too-costly', `${where} is over ${REASON_MAX} characters.`);
  return words.trim();
}

function onlyCancelled(status: unknown, where: string): void {
  if (status === 'cancelled') return;
  throw new FhirProblem(
    422,
    'value',
    `${where} is ${JSON.stringify(status ?? null)}: a referral's sender may set only "cancelled"; the program moves the Task otherwise (received, accepted, rejected, in-progress, completed).`,
  );
}

/**
 * A PUT of the whole Task as read, with status `cancelled` (and a statusReason if the clinic
 * gives one). Fields it leaves out are kept; a field it changes other than those two is refused.
 */
export function cancellationFromPut(body: unknown, id: string, current: FhirResource): Cancellation {
  if (!isObject(body) || body.resourceType !== 'Task')
    throw new FhirProblem(422, 'invalid', 'The body must be a Task resource (resourceType "Task").');
  if (body.id !== id)
    throw new FhirProblem(
      400,
      'invalid',
      `Task.id must be present and equal the id in the URL (${id}), as FHIR's update asks.`,
    );
  const changed = Object.keys(body).filter(
    (field) =>
      field !== 'resourceType' &&
      field !== 'id' &&
      !WRITABLE.has(field) &&
      !IGNORED.has(field) &&
      canonicalJson(body[field]) !== canonicalJson(current[field]),
  );
  if (changed.length > 0)
    throw new FhirProblem(
      422,
      'invalid',
      `Task.${changed[0]} differs from the Task as read: a referral's sender may change only status (to "cancelled") and statusReason. Send the Task as read with those two changed.`,
    );
  onlyCancelled(body.status, 'Task.status');
  return { reason: reasonOf(body.statusReason, 'Task.statusReason') };
}

/**
 * A JSON Patch (RFC 6902) changing only /status (to `cancelled`) and /statusReason; `test`
 * operations on /status are checked against the Task as it stands.
 */
export function cancellationFromPatch(body: unknown, current: FhirResource): Cancellation {
  if (!Array.isArray(body) || body.length === 0)
    throw new FhirProblem(400, 'invalid', 'A JSON Patch is a non-empty array of operations.');
  let status: unknown;
  let reason: string | null = null;
  body.forEach((op: unknown, i) => {
    const where = `Operation ${i} (${isObject(op) ? `${String(op.op)} ${String(op.path)}` : 'not an object'})`;
    if (!isObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string')
      throw new FhirProblem(400, 'invalid', `${where}: each operation needs "op" and "path".`);
    if (op.op === 'test' && op.path === '/status') {
      if (op.value !== current.status)
        throw new FhirProblem(
          409,
          'conflict',
          `${where}: the Task's status is ${JSON.stringify(current.status)}, not ${JSON.stringify(op.value)}.`,
        );
      return;
    }
    const writes = op.op === 'replace' || op.op === 'add';
    if (writes && op.path === '/status') status = op.value;
    else if (writes && op.path === '/statusReason') reason = reasonOf(op.value, `${where}: statusReason`);
    else if (writes && op.path === '/statusReason/text')
      reason = reasonOf({ text: op.value }, `${where}: statusReason.text`);
    else
      throw new FhirProblem(
        422,
        'not-supported',
        `${where}: a referral's sender may only replace /status (with "cancelled") and /statusReason, or test /status.`,
      );
  });
  onlyCancelled(status, 'The patched status');
  return { reason };
}

/**
 * The version an If-Match names (W/"3", "3" or 3); undefined without the header. A header that
 * names no version cannot match, so it is refused as a failed precondition.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1])
    throw new FhirProblem(
      412,
      'conflict',
      `If-Match must name a version as the read's ETag does (W/"3"); it was ${JSON.stringify(header.slice(0, 40))}.`,
    );
  return Number(match[1]);
}
