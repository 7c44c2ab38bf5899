import { z } from 'zod';
import { requiredText } from '../caseload/fields.js';
import { LanguageTag } from '../caseload/schemas.js';

/** A number as people dial it: `988`, `741741`, `+1 800 273 8255`. Short codes are allowed. */
const Dial = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'fields.phone');

/** A crisis line of the program: shown as tap-to-call and tap-to-text links, offline too. */
export const CrisisLine = z
  .strictObject({
    label: requiredText(120),
    phone: Dial.optional(),
    /** Where to text, and optionally what to send first: e.g. `741741` with body `HOME`. */
    sms: Dial.optional(),
    smsBody: z.string().trim().max(40).optional(),
    language: LanguageTag,
  })
  .refine((l) => l.phone !== undefined || l.sms !== undefined, {
    message: 'fields.required',
    path: ['phone'],
  });
export type CrisisLine = z.infer<typeof CrisisLine>;

/** One person on the on-call rota, with the phone they answer while on call. */
export const OnCallEntry = z.strictObject({ userId: z.uuid(), phone: Dial.optional() });

/** The program's crisis response: lines, the on-call order, and when to re-screen. */
export const CrisisSettings = z
  .strictObject({
    crisisLines: z.array(CrisisLine).max(20),
    /** Supervisors in the order they are alerted; the managers come after the last one. */
    onCall: z.array(OnCallEntry).max(20),
    rescreenDays: z.number().int().min(1).max(365),
    /** A PHQ-9 or GAD-7 total from which a re-screen task is made (10: moderate and above). */
    rescreenFromTotal: z.number().int().min(0).max(27),
  })
  .meta({ id: 'CrisisSettings' });
export type CrisisSettings = z.infer<typeof CrisisSettings>;

/** What a CHW's protocol screen needs: the lines and who to call now. */
export const CrisisProtocolInfo = z
  .object({
    crisisLines: z.array(
      z.object({
        label: z.string(),
        phone: z.string().optional(),
        sms: z.string().optional(),
        smsBody: z.string().optional(),
        language: z.string(),
      }),
    ),
    onCall: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'CrisisProtocolInfo' });
export type CrisisProtocolInfo = z.infer<typeof CrisisProtocolInfo>;
