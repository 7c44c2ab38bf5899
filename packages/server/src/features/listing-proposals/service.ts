import {
  type DeclineProposalRequest,
  type ListingProposal,
  type MyListings,
  PuenteError,
  ServiceForm,
  type ServiceForm as ServiceFormInput,
  type ServiceFormView,
  sheetFields,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { validationError } from '../../http/validation.js';
import { recordAudit, who } from '../audit/record.js';
import { loadServiceForm, readServiceForm, saveServiceForm } from '../directory/service-form.js';
import {
  decideProposal,
  insertProposal,
  isPartnerListing,
  lockProposal,
  partnerProposals,
  partnerServices,
  pendingCount,
  proposalById,
} from './queries.js';

/** A proposal as the route's validation gave it: trimmed, every field present. Not parsed again here. */
export type ValidProposal = z.output<typeof import('@puente/core').ProposalRequest>;

/**
 * A form put together from what the database holds (the listing as it is now and a stored
 * proposal's fields), checked with the admin form's rules before it is written. Not the request's
 * body, which the route has checked: this comes back from storage, where the rules do not follow
 * it. A proposal stored before a rule was tightened (or its jsonb edited by hand) may no longer
 * pass, and a listing imported from HSDS may hold a description longer than the form allows.
 * Refused in words, field by field, instead of a server error or a write the form would refuse.
 */
function storedForm(form: Partial<ServiceFormInput>) {
  const checked = ServiceForm.safeParse(form);
  if (checked.success) return checked.data;
  const { errors } = validationError(checked.error).extra;
  throw new PuenteError(422, 'errors.proposalNotValid', {}, { errors });
}

/** A partner's proposals waiting at once: enough for every listing a partner keeps; past it, a flood. */
export const MAX_PENDING = 20;

/** Another partner's listing answers as one that does not exist: nothing says it is there. */
async function requireOwnListing(db: Queryable, caller: Caller, serviceId: string): Promise<void> {
  if (!(await isPartnerListing(db, caller.actor, serviceId)))
    throw new PuenteError(404, 'errors.serviceNotFound');
}

export async function myListings(db: Queryable, caller: Caller): Promise<MyListings> {
  const [services, proposals] = await Promise.all([
    partnerServices(db, caller.actor),
    partnerProposals(db, caller.actor),
  ]);
  return { services, proposals };
}

/** One of the partner's own listings, in the admin's form, to change. */
export async function ownListingForm(
  db: Queryable,
  caller: Caller,
  serviceId: string,
): Promise<ServiceFormView> {
  await requireOwnListing(db, caller, serviceId);
  return loadServiceForm(db, caller.actor.orgId, serviceId);
}

async function found(db: Queryable, orgId: string, id: string): Promise<ListingProposal> {
  const proposal = await proposalById(db, orgId, id);
  if (!proposal) throw new PuenteError(404, 'errors.proposalNotFound');
  return proposal;
}

/**
 * A partner proposes its listing as it wants it. Only the fields that differ from the listing now
 * are kept, with what they said, and the result must pass the same checks as the admin's form, so
 * an approval cannot fail on a field the partner could have fixed.
 */
export async function proposeEdit(
  tx: Queryable,
  caller: Caller,
  request: ValidProposal,
): Promise<ListingProposal> {
  await requireOwnListing(tx, caller, request.serviceId);
  if ((await pendingCount(tx, caller.actor)) >= MAX_PENDING)
    throw new PuenteError(409, 'errors.proposalsWaiting', { count: MAX_PENDING });
  const { form } = request;
  const now = (await loadServiceForm(tx, caller.actor.orgId, request.serviceId)).form;
  const changed = sheetFields.filter((f) => form[f] !== (now[f] ?? ''));
  if (changed.length === 0) throw new PuenteError(422, 'errors.proposalNoChanges');
  // The listing with the changes is the form as sent (its other fields equal the listing's), which
  // the route has checked: only the service's own reading of it (hours, address) is left to do.
  readServiceForm(form, request.serviceId);
  const id = uuidv7();
  await insertProposal(tx, caller.actor, {
    id,
    serviceId: request.serviceId,
    before: pick(now, changed),
    after: pick(form, changed),
  });
  await recordAudit(tx, who(caller), {
    action: 'directory.proposal-made',
    subjectType: 'hsds_service',
    subjectId: request.serviceId,
    detail: { proposalId: id, fields: changed },
  });
  return found(tx, caller.actor.orgId, id);
}

function pick(form: Partial<Record<string, string>>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, form[f] ?? '']));
}

async function pending(tx: Queryable, caller: Caller, id: string) {
  const row = await lockProposal(tx, caller.actor.orgId, id);
  if (!row) throw new PuenteError(404, 'errors.proposalNotFound');
  if (row.status !== 'pending') throw new PuenteError(409, 'errors.proposalDecided');
  return row;
}

/**
 * The admin approves: the proposed fields go over the listing as it is now, through the same
 * save as the admin's own form (its checks, its audit entry), then the proposal is closed.
 */
export async function approveProposal(tx: Queryable, caller: Caller, id: string): Promise<ListingProposal> {
  const row = await pending(tx, caller, id);
  const now = (await loadServiceForm(tx, caller.actor.orgId, row.serviceId)).form;
  await saveServiceForm(tx, caller, row.serviceId, storedForm({ ...now, ...row.after }));
  await decideProposal(tx, caller.actor, id, 'approved', null);
  await recordAudit(tx, who(caller), {
    action: 'directory.proposal-approved',
    subjectType: 'hsds_service',
    subjectId: row.serviceId,
    detail: { proposalId: id, fields: Object.keys(row.after) },
  });
  return found(tx, caller.actor.orgId, id);
}

/** The admin declines, optionally saying why; the partner reads the reason beside its proposal. */
export async function declineProposal(
  tx: Queryable,
  caller: Caller,
  id: string,
  request: DeclineProposalRequest,
): Promise<ListingProposal> {
  const row = await pending(tx, caller, id);
  const reason = request.reason?.trim() || null;
  await decideProposal(tx, caller.actor, id, 'declined', reason);
  await recordAudit(tx, who(caller), {
    action: 'directory.proposal-declined',
    subjectType: 'hsds_service',
    subjectId: row.serviceId,
    detail: { proposalId: id, reasonGiven: reason !== null },
  });
  return found(tx, caller.actor.orgId, id);
}
