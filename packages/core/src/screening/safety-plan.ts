import { z } from 'zod';
import { CalendarDate, text } from '../caseload/fields.js';
import { LanguageTag } from '../caseload/schemas.js';
import { locales } from '../i18n/locales.js';

/**
 * The six parts of a safety plan, in Puente's own words (the structure is the
 * well-known one; the Stanley–Brown template's wording is not ours to ship).
 */
export const safetyPlanSections = [
  'warningSigns',
  'copingOnMyOwn',
  'peopleAndPlaces',
  'peopleToAsk',
  'professionals',
  'safeSurroundings',
] as const;
export type SafetyPlanSection = (typeof safetyPlanSections)[number];

export const safetyPlanHeadings: Record<SafetyPlanSection | 'title', { en: string; es: string }> = {
  title: { en: 'My plan for hard moments', es: 'Mi plan para los momentos difíciles' },
  warningSigns: {
    en: 'How I can tell a hard moment is coming',
    es: 'Cómo me doy cuenta de que viene un momento difícil',
  },
  copingOnMyOwn: {
    en: 'Things I can do by myself to get through it',
    es: 'Lo que puedo hacer por mi cuenta para salir adelante',
  },
  peopleAndPlaces: {
    en: 'People and places that take my mind off things',
    es: 'Personas y lugares que me ayudan a pensar en otra cosa',
  },
  peopleToAsk: {
    en: 'People I trust and can ask for help',
    es: 'Personas de confianza a quienes puedo pedir ayuda',
  },
  professionals: {
    en: 'Professionals and services I can reach, day or night',
    es: 'Profesionales y servicios a los que puedo acudir, de día o de noche',
  },
  safeSurroundings: {
    en: 'How I keep my surroundings safe',
    es: 'Cómo mantengo seguro el lugar donde estoy',
  },
};

const Entry = text(500).pipe(z.string().min(1, 'fields.required'));
const Entries = z.array(Entry).max(20);

/** The plan as written with the person, in their words and language. */
export const SafetyPlanContent = z.strictObject({
  warningSigns: Entries,
  copingOnMyOwn: Entries,
  peopleAndPlaces: Entries,
  peopleToAsk: Entries,
  professionals: Entries,
  safeSurroundings: Entries,
  /** Will they use it, and what might get in the way: asked at the end, and revisited. */
  likelyToUse: z.enum(['yes', 'unsure', 'no']).optional(),
  obstacles: text(1000).optional(),
  reviewOn: CalendarDate.optional(),
});
export type SafetyPlanContent = z.infer<typeof SafetyPlanContent>;

export const SaveSafetyPlanRequest = z
  .strictObject({ language: LanguageTag, content: SafetyPlanContent })
  .meta({ id: 'SaveSafetyPlanRequest' });
export type SaveSafetyPlanRequest = z.infer<typeof SaveSafetyPlanRequest>;

export const SafetyPlan = z
  .object({
    clientId: z.uuid(),
    /** 1 for the first save; each save is a new version. */
    version: z.number().int(),
    language: z.string(),
    content: SafetyPlanContent,
    savedAt: z.string(),
    savedBy: z.string(),
  })
  .meta({ id: 'SafetyPlan' });
export type SafetyPlan = z.infer<typeof SafetyPlan>;

export const MAX_SHARE_DAYS = 90;

export const ShareSafetyPlanRequest = z
  .strictObject({
    /** The last day the link works (in the program's time zone), at most 90 days ahead. */
    expiresOn: CalendarDate,
    language: z.enum(locales),
  })
  .meta({ id: 'ShareSafetyPlanRequest' });

export const SafetyPlanShare = z
  .object({ url: z.string(), expiresOn: z.string(), version: z.number().int() })
  .meta({ id: 'SafetyPlanShare' });

/** What the private link shows: the plan's text under headings in the person's language, nothing else. */
export const PublicSafetyPlan = z
  .object({
    language: z.enum(locales),
    title: z.string(),
    sections: z.array(z.object({ heading: z.string(), entries: z.array(z.string()) })),
  })
  .meta({ id: 'PublicSafetyPlan' });
export type PublicSafetyPlan = z.infer<typeof PublicSafetyPlan>;
