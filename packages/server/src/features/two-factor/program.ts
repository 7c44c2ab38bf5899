import type { TwoFactorPolicy } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/** Who must use two-factor sign-in in the program: staff, unless the organization says otherwise. */
export async function programTwoFactor(db: Queryable, orgId: string): Promise<{ policy: TwoFactorPolicy }> {
  const [row] = await db.query<{ policy: TwoFactorPolicy }>(
    'select two_factor as policy from organization where id = $1',
    [orgId],
  );
  return row ?? { policy: 'staff' };
}

/** An admin sets who must use two-factor sign-in; audited with the policy set. */
export async function changeProgramTwoFactor(
  tx: Queryable,
  caller: Caller,
  policy: TwoFactorPolicy,
): Promise<{ policy: TwoFactorPolicy }> {
  const { orgId } = caller.actor;
  await tx.query('update organization set two_factor = $2 where id = $1', [orgId, policy]);
  await recordAudit(tx, who(caller), {
    action: 'program.two-factor-changed',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { policy },
  });
  return { policy };
}
