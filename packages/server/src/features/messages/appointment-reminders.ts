import type { AppointmentTextReminder, AppointmentTextReminders } from '@puente/core';
import type { Config } from '../../config.js';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { programTexting, textPerson } from './queries.js';
import { textability } from './send.js';

/**
 * What the person's page shows of text reminders, without any message's words:
 * each appointment's and follow-up visit's latest reminder (sent, waiting,
 * refused and why), the appointments whose referral forbids them, and
 * whether the person may be texted now, so the CHW who books an appointment
 * reads at once that no reminder will go and why (no consent, STOP, not safe).
 * Served from the server only: refusals and STOPs are not on the phone's copy.
 */
export function appointmentReminders(
  tx: Queryable,
  config: Config,
  caller: Caller,
  clientId: string,
): Promise<AppointmentTextReminders> {
  const { orgId } = caller.actor;
  return withClient(tx, caller, clientId, 'text.reminders-viewed', async () => {
    const program = await programTexting(tx, orgId);
    const enabled = config.texts !== undefined && program.sender !== null;
    const reminders = await tx.query<AppointmentTextReminder>(
      sql`select distinct on (coalesce(m.appointment_id, m.task_id)) m.appointment_id as "appointmentId",
                 m.task_id as "taskId", m.status, m.reason, ${isoColumn('m.created_at')} as at
            from text_message m
           where m.org_id = ${orgId} and m.client_id = ${clientId} and m.kind = 'reminder'
             and (m.appointment_id is not null or m.task_id is not null)
           order by coalesce(m.appointment_id, m.task_id), m.created_at desc, m.id desc`,
    );
    const quiet = await tx.query<{ id: string }>(
      sql`select p.id from appointment p join referral r on r.id = p.referral_id and r.org_id = p.org_id
           where p.org_id = ${orgId} and p.client_id = ${clientId} and r.do_not_contact`,
    );
    const person = enabled ? await textPerson(tx, orgId, clientId) : undefined;
    const may = person ? await textability(tx, config, orgId, person, new Date()) : undefined;
    return {
      result: {
        enabled,
        canText: may?.allowed === true,
        reason: enabled ? (may?.allowed === false ? may.reason : null) : 'textsOff',
        reminders,
        doNotContact: quiet.map((q) => q.id),
      },
      detail: { reminders: reminders.length },
    };
  });
}
