import { z } from 'zod';
import { CalendarDate, requiredText, text } from '../caseload/fields.js';
import { locales } from '../i18n/locales.js';

/** A topic's id: its subject and language, e.g. `grief-es`. */
export const TopicId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}-(en|es)$/, 'fields.invalid');
/** The subject both languages of a topic share, e.g. `grief`. */
export const TopicSubject = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'fields.invalid');
const Language = z.enum(locales);

/** What a topic file's front matter must say; `otherLanguage` links the two versions. */
export const TopicFrontMatter = z
  .strictObject({
    id: TopicId,
    title: requiredText(140),
    topic: TopicSubject,
    language: Language,
    readingLevel: z.coerce.number().min(0).max(20),
    reviewedBy: requiredText(120),
    reviewedOn: CalendarDate,
    otherLanguage: TopicId,
  })
  .refine((m) => m.id === `${m.topic}-${m.language}`, { path: ['id'], message: 'fields.invalid' })
  .refine((m) => m.otherLanguage === `${m.topic}-${m.language === 'en' ? 'es' : 'en'}`, {
    path: ['otherLanguage'],
    message: 'fields.invalid',
  });
export type TopicFrontMatter = z.infer<typeof TopicFrontMatter>;

const ReadabilityFigure = z.object({
  formula: z.enum(['flesch-kincaid', 'fernandez-huerta']),
  score: z.number(),
  grade: z.number(),
  words: z.number().int(),
});

export const TopicSummary = z
  .object({
    id: TopicId,
    title: z.string(),
    topic: TopicSubject,
    language: Language,
    otherLanguage: TopicId.nullable(),
    /** 0 is the text shipped with Puente; each save by an admin adds one. */
    version: z.number().int(),
    readability: ReadabilityFigure,
  })
  .meta({ id: 'TopicSummary' });
export type TopicSummary = z.infer<typeof TopicSummary>;

export const Topic = TopicSummary.extend({
  body: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
}).meta({ id: 'Topic' });
export type Topic = z.infer<typeof Topic>;

/** An admin's save: a new version of a topic, or a new topic. */
export const SaveTopicRequest = z
  .strictObject({
    title: requiredText(140),
    topic: TopicSubject,
    language: Language,
    body: requiredText(12_000),
    reviewedBy: text(120).optional(),
    reviewedOn: CalendarDate.optional(),
    /** The version this edit started from: a save over someone else's newer one is refused. */
    baseVersion: z.number().int().min(0).optional(),
  })
  .meta({ id: 'SaveTopicRequest' });
export type SaveTopicRequest = z.infer<typeof SaveTopicRequest>;

export const shareChannels = ['whatsapp', 'sms', 'print', 'link'] as const;

export const ShareTopicRequest = z
  .strictObject({
    topicId: TopicId,
    /** How the person got it; a printed handout is given in person. */
    channel: z.enum(shareChannels),
    /** The last day the link works, in the program's time zone (at most 90 days ahead). */
    expiresOn: CalendarDate,
  })
  .meta({ id: 'ShareTopicRequest' });
export type ShareTopicRequest = z.infer<typeof ShareTopicRequest>;

export const TopicShare = z
  .object({
    url: z.string(),
    expiresOn: z.string(),
    language: Language,
    /** Ready-made links that open WhatsApp or the SMS app with the message, in the person's language. */
    whatsappUrl: z.string(),
    smsUrl: z.string(),
    message: z.string(),
    encounterId: z.uuid(),
  })
  .meta({ id: 'TopicShare' });
export type TopicShare = z.infer<typeof TopicShare>;

/** A crisis line as a public page shows it. */
export const PublicCrisisLine = z.object({
  label: z.string(),
  phone: z.string().nullable(),
  sms: z.string().nullable(),
  smsBody: z.string().nullable(),
  chat: z.string().nullable().optional(),
  hours: z.string().nullable().optional(),
});

/** A topic as a person reads it without signing in: no ids of anyone, nothing about who shared it. */
export const PublicTopic = z
  .object({
    title: z.string(),
    language: Language,
    body: z.string(),
    crisisLines: z.array(PublicCrisisLine),
    /** The local emergency number the program set (911 in the US), as a tap-to-call button. */
    emergencyNumber: z.string().nullable().optional(),
  })
  .meta({ id: 'PublicTopic' });
export type PublicTopic = z.infer<typeof PublicTopic>;

/** The program's public "find help" page. */
export const HelpPage = z
  .object({
    program: z.string(),
    language: Language,
    crisisLines: z.array(PublicCrisisLine),
    emergencyNumber: z.string().nullable().optional(),
    topics: z.array(z.object({ id: TopicId, title: z.string() })),
    /** Where the public resource directory is, when the program has made one public. */
    directoryUrl: z.string().nullable(),
  })
  .meta({ id: 'HelpPage' });
export type HelpPage = z.infer<typeof HelpPage>;

export const HelpPageSetting = z
  .strictObject({
    enabled: z.boolean(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'fields.invalid'),
  })
  .meta({ id: 'HelpPageSetting' });
export type HelpPageSetting = z.infer<typeof HelpPageSetting>;
