import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/types.js';

/**
 * The organization's key for pseudonyms and date shifts, made on first use.
 * It never leaves the database except into these hashes.
 */
export async function reportSecret(db: Queryable, orgId: string): Promise<string> {
  await db.query(
    'insert into report_secret (org_id, secret) values ($1, $2) on conflict (org_id) do nothing',
    [orgId, randomBytes(32).toString('base64url')],
  );
  const [row] = await db.query<{ secret: string }>('select secret from report_secret where org_id = $1', [
    orgId,
  ]);
  if (!row) throw new Error('report secret missing after insert');
  return row.secret;
}
