import { z } from 'zod';
import { weekTime } from '../caseload/dates.js';
import { requiredText, text } from '../caseload/fields.js';
import { LanguageTag } from '../caseload/schemas.js';

/** A number as people dial it: `988`, `741741`, `+1 800 273 8255`. Short codes are allowed. */
const Dial = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'fields.phone');

/** A crisis line of the program: shown as tap-to-call, tap-to-text and chat links, offline too. */
export const CrisisLine = z
  .strictObject({
    label: requiredText(120),
    phone: Dial.optional(),
    /** Where to text, and optionally what to send first: e.g. `741741` with body `HOME`. */
    sms: Dial.optional(),
    smsBody: z.string().trim().max(40).optional(),
    /** A web chat, for people who cannot speak where they are. */
    chat: z
      .url({ protocol: /^https$/, message: 'fields.invalid' })
      .max(300)
      .optional(),
    /** When it answers, in the program's words: "24/7", "Mon–Fri 9–5". */
    hours: text(80).optional(),
    /** The language it answers in first; `otherLanguages` lists the rest. */
    language: LanguageTag,
    otherLanguages: z.array(LanguageTag).max(10).optional(),
  })
  .refine((l) => l.phone !== undefined || l.sms !== undefined || l.chat !== undefined, {
    message: 'fields.required',
    path: ['phone'],
  });
export type CrisisLine = z.infer<typeof CrisisLine>;

const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'fields.invalid');

/**
 * When a person of the rota is on call, in the program's time zone: days 0
 * (Sunday) to 6 and a span of hours; a span that ends before it starts runs
 * past midnight. Without it, they are on call at all hours.
 */
export const OnCallHours = z.strictObject({
  days: z.array(z.number().int().min(0).max(6)).min(1, 'fields.required').max(7),
  from: Clock,
  to: Clock,
});
export type OnCallHours = z.infer<typeof OnCallHours>;

/** One person on the on-call rota, with the phone they answer while on call. */
export const OnCallEntry = z.strictObject({
  userId: z.uuid(),
  phone: Dial.optional(),
  hours: OnCallHours.optional(),
});
export type OnCallEntry = z.infer<typeof OnCallEntry>;

/** The program's crisis response: lines, the emergency number, the on-call order, and when to re-screen. */
export const CrisisSettings = z
  .strictObject({
    crisisLines: z.array(CrisisLine).max(20),
    /** The local emergency number (911 in the US); until it is set, screening stays closed to CHWs. */
    emergencyNumber: Dial.optional(),
    /** Supervisors in the order they are alerted; the managers come after the last one. */
    onCall: z.array(OnCallEntry).max(20),
    /** Minutes an alert waits for an acknowledgement before the next person is told; the server's default without it. */
    escalationMinutes: z.number().int().min(1).max(240).optional(),
    rescreenDays: z.number().int().min(1).max(365),
    /** A PHQ-9 or GAD-7 total from which a re-screen task is made (10: moderate and above). */
    rescreenFromTotal: z.number().int().min(0).max(27),
  })
  .meta({ id: 'CrisisSettings' });
export type CrisisSettings = z.infer<typeof CrisisSettings>;

/** What a program must set before its CHWs may screen: a screen can end in a crisis. */
export const crisisGaps = ['lines', 'emergencyNumber'] as const;
export type CrisisGap = (typeof crisisGaps)[number];

/**
 * What is still missing before screening opens to CHWs; empty when ready.
 * @example crisisMissing({ crisisLines: [], emergencyNumber: '911' }) // ['lines']
 */
export function crisisMissing(s: Pick<CrisisSettings, 'crisisLines' | 'emergencyNumber'>): CrisisGap[] {
  const missing: CrisisGap[] = [];
  if (s.crisisLines.length === 0) missing.push('lines');
  if (!s.emergencyNumber) missing.push('emergencyNumber');
  return missing;
}

/**
 * Whether a rota entry is on call at `now`, read in the program's time zone.
 * @example onCallAt({ days: [1, 2, 3, 4, 5], from: '17:00', to: '09:00' }, now, 'America/Chicago')
 */
export function onCallAt(hours: OnCallHours | undefined, now: Date, timeZone: string): boolean {
  if (!hours) return true;
  const { day, time } = weekTime(now, timeZone);
  if (hours.from <= hours.to) return hours.days.includes(day) && time >= hours.from && time < hours.to;
  // Past midnight: the evening belongs to its day, the small hours to the day before.
  if (time >= hours.from) return hours.days.includes(day);
  return time < hours.to && hours.days.includes((day + 6) % 7);
}

/** Who the first alert goes to: the on-call rota, else the CHW's team supervisor, else the managers or admins. */
export const alertTargets = ['onCall', 'supervisor', 'manager', 'admin'] as const;

const PublicLine = z.object({
  label: z.string(),
  phone: z.string().optional(),
  sms: z.string().optional(),
  smsBody: z.string().optional(),
  chat: z.string().optional(),
  hours: z.string().optional(),
  language: z.string(),
  otherLanguages: z.array(z.string()).optional(),
});

/** What a CHW's protocol screen needs: the lines, the emergency number and who to call now. */
export const CrisisProtocolInfo = z
  .object({
    crisisLines: z.array(PublicLine),
    emergencyNumber: z.string().nullable().optional(),
    onCall: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
    /** Who an alert raised now reaches first: never left for the CHW to guess. */
    alertGoesTo: z
      .object({ target: z.enum(alertTargets), names: z.array(z.string()) })
      .nullable()
      .optional(),
    /** What the program has not set yet; screening is closed to CHWs until it is empty. */
    missing: z.array(z.enum(crisisGaps)).optional(),
    /** The admins to tell when something is missing. */
    admins: z.array(z.string()).optional(),
  })
  .meta({ id: 'CrisisProtocolInfo' });
export type CrisisProtocolInfo = z.infer<typeof CrisisProtocolInfo>;
