import {
  type FieldProblem,
  PuenteError,
  type ServiceForm,
  type ServiceFormView,
  type SheetField,
  sheetFields,
  writeHours,
} from '@puente/core';
import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { serviceRecords } from '../hsds/sheet-rows.js';
import { writeServices } from '../hsds/sheet-write.js';

export type Form = z.output<typeof import('@puente/core').ServiceForm>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** One service as the form shows it: its fields in the same plain words as the template. */
export async function loadServiceForm(db: Queryable, orgId: string, id: string): Promise<ServiceFormView> {
  const [service] = await db.query<{ data: Record<string, unknown> }>(
    'select data from hsds_service where org_id = $1 and id = $2',
    [orgId, id],
  );
  if (!service) throw new PuenteError(404, 'errors.serviceNotFound');
  const s = service.data;
  const q = (sql: string) => db.query<{ data: Record<string, unknown> }>(sql, [orgId, id]);
  const [phones, schedules, languages, terms, addresses] = await Promise.all([
    q('select data from hsds_phone where org_id = $1 and service_id = $2 order by id'),
    q('select data from hsds_schedule where org_id = $1 and service_id = $2 order by id'),
    q("select data from hsds_language where org_id = $1 and service_id = $2 order by data->>'name', id"),
    q(`select t.data from hsds_attribute a join hsds_taxonomy_term t on t.org_id = a.org_id and t.id = a.taxonomy_term_id
        where a.org_id = $1 and a.link_id = $2 order by t.data->>'name', a.id`),
    q(`select a.data from hsds_service_at_location sal
         join hsds_address a on a.org_id = sal.org_id and a.location_id = sal.location_id
        where sal.org_id = $1 and sal.service_id = $2 order by sal.id, a.id limit 1`),
  ]);
  const a = addresses[0]?.data;
  const stateZip = a ? [str(a.state_province), str(a.postal_code)].filter(Boolean).join(' ') : '';
  const form: Required<ServiceForm> = {
    name: str(s.name),
    description: str(s.description),
    phone: str(phones[0]?.data.number),
    address: a ? [str(a.address_1), str(a.city), stateZip].filter(Boolean).join(', ') : '',
    hours: writeHours(schedules.map((r) => r.data)),
    categories: terms
      .map((t) => str(t.data.name))
      .filter(Boolean)
      .join(', '),
    languages: languages
      .map((l) => str(l.data.name) || str(l.data.code))
      .filter(Boolean)
      .join(', '),
    cost: str(s.fees_description),
    eligibility: str(s.eligibility_description),
    website: str(s.url),
    email: str(s.email),
  };
  return { id, form };
}

const fieldOf: Record<string, [SheetField, FieldProblem['message']]> = {
  missingName: ['name', 'fields.required'],
  badPhone: ['phone', 'fields.phone'],
  badWebsite: ['website', 'fields.url'],
  badEmail: ['email', 'fields.email'],
  hoursNotUnderstood: ['hours', 'fields.hoursNotUnderstood'],
  addressNotUnderstood: ['address', 'fields.addressNotUnderstood'],
};

/**
 * Reads the form as the service's records. What a sheet would only warn about (hours or an
 * address Puente cannot read) is refused here, named by field, since someone is there to fix it.
 */
export function readServiceForm(form: Form, id: string | undefined) {
  const text = Object.fromEntries(sheetFields.map((f) => [f, form[f] ?? ''])) as Record<SheetField, string>;
  const read = serviceRecords(text, id);
  const errors = [...read.problems, ...read.warnings.filter((w) => w !== 'languageNotUnderstood')].flatMap(
    (p) => {
      const at = fieldOf[p];
      return at ? [{ path: at[0], message: at[1] }] : [];
    },
  );
  if (errors.length > 0) throw new PuenteError(422, 'errors.serviceFormInvalid', {}, { errors });
  return { text, read };
}

/**
 * Saves one service from the form, new (`id` undefined) or edited, in the caller's transaction;
 * the form keeps what they typed when a field is refused. An approved partner proposal comes here too.
 */
export async function saveServiceForm(
  tx: Queryable,
  caller: Caller,
  id: string | undefined,
  form: Form,
): Promise<ServiceFormView> {
  const { orgId } = caller.actor;
  const { text, read } = readServiceForm(form, id);
  const [found] = await tx.query<{ data: Record<string, unknown> }>(
    'select data from hsds_service where org_id = $1 and id = $2',
    [orgId, read.serviceId],
  );
  if (id !== undefined && !found) throw new PuenteError(404, 'errors.serviceNotFound');
  if (id === undefined && found) throw new PuenteError(409, 'errors.serviceAlreadyListed');
  if (found) {
    // What the form does not show (its organization, status, other HSDS fields) stays as it was.
    const own = ['name', 'description', 'url', 'email', 'fees_description', 'eligibility_description'];
    const kept = Object.fromEntries(Object.entries(found.data).filter(([k]) => !own.includes(k)));
    const [service] = read.records.get('service') ?? [];
    read.records.set('service', [{ ...kept, ...service, status: found.data.status ?? 'active' }]);
  }
  await writeServices(tx, orgId, [read]);
  await recordAudit(tx, who(caller), {
    action: id === undefined ? 'directory.service-added' : 'directory.service-edited',
    subjectType: 'hsds_service',
    subjectId: read.serviceId,
    detail: { fields: sheetFields.filter((f) => text[f].trim() !== ''), by: 'form' },
  });
  return loadServiceForm(tx, orgId, read.serviceId);
}
