import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql/index.js';
import { useApp } from '../../test/app.js';
import { caseloadWorld, register } from '../../test/caseload.js';
import { type PatientRow, patientColumns } from '../fhir/mappers/patient.js';
import { rowsOf } from '../sync/rows.js';
import { type ClientRow, clientFields } from './columns.js';
import { clientDetail } from './detail.js';

const h = useApp();
let orgId: string;
let id: string;

beforeAll(async () => {
  const w = await caseloadWorld(h, 'columns');
  orgId = w.org.orgId;
  const person = await register(h, w.cookie.chw, {
    givenName: 'Rosa',
    familyName: 'Díaz',
    preferredName: 'Rosi',
    birthDate: '1980-02-29',
    gender: 'mujer',
    phone: '5055550101',
    okToText: true,
    neighborhood: 'Centro',
    address: 'Calle 1',
    household: [{ name: 'Ana', relationship: 'hija', age: 9 }],
    insuranceStatus: 'none',
    notes: 'Prefiere las tardes',
  });
  id = person.id;
});

describe('the person’s row, one for the page, the phone and FHIR', () => {
  it('gives the page and the phone the same value of every field they share', async () => {
    const page = await clientDetail(h.db, orgId, id, null);
    const [synced] = await rowsOf(h.db, orgId, 'client', 'id', [id]);
    const phone = synced?.data as ClientRow & { clientId: string };
    expect(page).toBeDefined();
    expect(phone.clientId).toBe(id);
    for (const field of clientFields.filter((f) => f !== 'lastContactAt')) {
      expect([field, page?.[field]]).toEqual([field, phone[field]]);
    }
    expect(Object.keys(phone).sort()).toEqual([...clientFields, 'clientId'].sort());
  });

  it('gives a Patient the page’s values, and the phone only through the SQL its caller may read', async () => {
    const page = await clientDetail(h.db, orgId, id, null);
    const read = (phone: ReturnType<typeof sql>) =>
      h.db.query<PatientRow>(sql`select ${patientColumns(phone)} from client c where c.id = ${id}`);
    const [withPhone] = await read(sql`c.phone`);
    const [without] = await read(sql`null::text as phone`);
    for (const field of ['id', 'givenName', 'familyName', 'preferredName', 'birthDate', 'gender'] as const) {
      expect([field, withPhone?.[field]]).toEqual([field, page?.[field]]);
    }
    expect(withPhone?.phone).toBe(page?.phone);
    expect(withPhone?.phone).toBeTruthy();
    expect(without?.phone).toBeNull();
  });
});
