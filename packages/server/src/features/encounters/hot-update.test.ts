import { uuidv7 } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/database.js';

// Recording a visit moves the person's last contact forward (service.ts). With no index
// on last_contact_at (0028) that update is a HOT one: the row changes in place and none
// of the client's indexes gets a new entry. PostgreSQL counts HOT updates per
// transaction, so the count is the statement's own, whatever else runs.
let t: TestDatabase;
const orgId = uuidv7();
const chw = uuidv7();
const client = uuidv7();

beforeAll(async () => {
  t = await freshDatabase();
  await t.db.query(`insert into organization (id, name) values ($1, 'In place')`, [orgId]);
  await t.db.query(
    `insert into app_user (id, org_id, email, display_name, role, password_hash)
     values ($1, $2, 'chw@hot.test', 'CHW', 'chw', 'x')`,
    [chw, orgId],
  );
  await t.db.query(
    `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by, assigned_chw_id)
     values ($1, $2, 'Persona', 'persona', 'es', $3, $3)`,
    [client, orgId, chw],
  );
});

afterAll(async () => {
  await t?.drop();
});

describe('a visit’s last contact', () => {
  it('is written in place, touching no index of the client', async () => {
    const indexed = await t.db.query<{ name: string }>(
      `select indexrelid::regclass::text as name from pg_index
        where indrelid = 'client'::regclass and pg_get_indexdef(indexrelid) like '%last_contact_at%'`,
    );
    expect(indexed).toEqual([]);
    const hot = await t.db.transaction(async (tx) => {
      for (const at of ['2026-03-01T15:00:00Z', '2026-03-02T15:00:00Z']) {
        await tx.query(
          `update client set last_contact_at = greatest(last_contact_at, $3::timestamptz) where org_id = $1 and id = $2`,
          [orgId, client, at],
        );
      }
      const [row] = await tx.query<{ updated: number; hot: number }>(
        `select pg_stat_get_xact_tuples_updated('client'::regclass)::int as updated,
                pg_stat_get_xact_tuples_hot_updated('client'::regclass)::int as hot`,
      );
      return row;
    });
    expect(hot).toEqual({ updated: 2, hot: 2 });
  });
});
