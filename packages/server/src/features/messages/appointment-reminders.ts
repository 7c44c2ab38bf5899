import type { AppointmentTextReminder, AppointmentTextReminders } from '@puente/core';
import type { Config } from '../../config.js';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { programTexting, textPerson } from './queries.js';
import { textability } from './send.js';

/**
 * What the care plan shows of text reminders, without any message's words:
 * each appointment's latest reminder (sent, waiting, refused and why), and
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
      sql`select distinct on (m.appointment_id) m.appointment_id as "appointmentId", m.status, m.reason,
                 ${isoColumn('m.created_at')} as at
            from text_message m
           where m.org_id = ${orgId} and m.client_id = ${clientId} and m.kind = 'reminder'
             and m.appointment_id is not null
           order by m.appointment_id, m.created_at desc, m.id desc`,
    );
    const person = enabled ? await textPerson(tx, orgId, clientId) : undefined;
    const may = person ? await textability(tx, config, orgId, person, new Date()) : undefined;
    return {
      result: {
        enabled,
        canText: may?.allowed === true,
        reason: enabled ? (may?.allowed === false ? may.reason : null) : 'textsOff',
        reminders,
      },
      detail: { reminders: reminders.length },
    };
  });
}
