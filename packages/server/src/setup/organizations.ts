import type { Locale, Role, TwoFactorPolicy } from '@puente/core';
import { uuidv7 } from '@puente/core';
import type { Queryable } from '../db/types.js';
import { recordAudit } from '../features/audit/record.js';
import { hashPassword } from '../features/auth/password.js';

export interface PersonSeed {
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  password: string;
  /** The password was chosen by someone else (the first start, an operator): it must be changed at first sign-in. */
  mustChangePassword?: boolean;
}

/** Creates an organization with its first people, in one transaction, audited. */
export async function createOrganization(
  tx: Queryable,
  org: { name: string; locale: Locale; twoFactor?: TwoFactorPolicy },
  people: PersonSeed[],
): Promise<{ orgId: string; userIds: Record<string, string> }> {
  const orgId = uuidv7();
  // Two-factor sign-in is required of staff unless the caller says otherwise (the demo only).
  await tx.query(
    `insert into organization (id, name, default_locale, two_factor) values ($1, $2, $3, coalesce($4, 'staff'))`,
    [orgId, org.name, org.locale, org.twoFactor ?? null],
  );
  await recordAudit(
    tx,
    { orgId },
    { action: 'organization.created', subjectType: 'organization', subjectId: orgId },
  );
  const userIds: Record<string, string> = {};
  for (const p of people) {
    const id = uuidv7();
    userIds[p.email] = id;
    await tx.query(
      `insert into app_user (id, org_id, email, display_name, role, locale, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        orgId,
        p.email,
        p.displayName,
        p.role,
        p.locale,
        await hashPassword(p.password),
        p.mustChangePassword ?? false,
      ],
    );
    await recordAudit(
      tx,
      { orgId },
      { action: 'user.created', subjectType: 'user', subjectId: id, detail: { role: p.role } },
    );
  }
  return { orgId, userIds };
}

export async function countOrganizations(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from organization');
  return row?.n ?? 0;
}
