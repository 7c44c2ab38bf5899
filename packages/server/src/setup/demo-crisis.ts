import type { Queryable } from '../db/types.js';
import { saveCrisisSettings } from '../features/alerts/crisis-settings.js';

/** Fictional phones (555-01xx is reserved for fiction), so a tap-to-call in the demo rings nobody. */
const phones: Record<string, string> = {
  'daniel@demo.puente.test': '+1 555 0100',
  'rosa@demo.puente.test': '+1 555 0101',
  'marcus@demo.puente.test': '+1 555 0102',
};

/** The 988 Suicide & Crisis Lifeline as a US program lists it (call, text, chat; Spanish too). */
export const lifeline988 = {
  label: '988 Suicide & Crisis Lifeline',
  phone: '988',
  sms: '988',
  chat: 'https://988lifeline.org/chat/',
  hours: '24/7',
  language: 'en',
  otherLanguages: ['es'],
};

/**
 * The demo program's crisis response, as a US program would set it: the 988
 * Suicide & Crisis Lifeline (call, text, chat; Spanish at option 2), 911 for
 * emergencies, and Daniel, the team's supervisor, on call at all hours.
 */
export async function demoCrisisResponse(
  tx: Queryable,
  orgId: string,
  member: (email: string) => string,
): Promise<void> {
  for (const [email, phone] of Object.entries(phones))
    await tx.query('update app_user set phone = $3 where org_id = $1 and id = $2', [
      orgId,
      member(email),
      phone,
    ]);
  await saveCrisisSettings(tx, orgId, {
    crisisLines: [
      lifeline988,
      {
        label: '988 Lifeline en español (oprima 2)',
        phone: '988',
        sms: '988',
        smsBody: 'AYUDA',
        hours: '24/7',
        language: 'es',
      },
    ],
    emergencyNumber: '911',
    onCall: [{ userId: member('daniel@demo.puente.test'), phone: '+1 555 0100' }],
    escalationMinutes: 15,
    rescreenDays: 28,
    rescreenFromTotal: 10,
  });
}
