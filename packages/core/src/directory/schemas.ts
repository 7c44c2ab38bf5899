import { z } from 'zod';
import { SafeUrl } from '../input/limits.js';
import { needKeys, needsOfFilter } from './needs.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * What a CHW can ask the directory. Unknown parameters are refused, so a
 * misspelled filter is never silently ignored.
 */
export const DirectorySearchQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
    need: z
      .string()
      .max(60)
      .refine((v) => needsOfFilter(v).length > 0, 'fields.choose')
      .optional()
      .meta({
        description: `A need (${needKeys.join(', ')}), an Open Eligibility top level (Food, Housing, ...) or an SDOH code (food-insecurity, ...)`,
      }),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    postcode: z.string().trim().min(3).max(12).optional(),
    radiusKm: z.coerce.number().positive().max(500).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/i, 'fields.invalid')
      .optional(),
    cost: z.enum(['free', 'low']).optional().meta({ description: 'free, or free and low cost' }),
    openNow: flag.optional(),
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When to check "open"; default now' }),
    age: z.coerce.number().int().min(0).max(120).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    offset: z.coerce.number().int().min(0).max(1000).default(0),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), {
    message: 'fields.required',
    path: ['lng'],
  });
export type DirectorySearchQuery = z.infer<typeof DirectorySearchQuery>;

export const OpeningSchema = z.object({
  day: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
  opens: z.string(),
  closes: z.string(),
});

/** One place a CHW can send someone, with what they need to decide and to call. */
export const DirectoryResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    locationId: z.string().nullable(),
    name: z.string(),
    organizationName: z.string().nullable(),
    description: z.string().nullable(),
    address: z.string().nullable(),
    distanceKm: z.number().nullable(),
    hours: z.array(OpeningSchema),
    hoursNote: z.string().nullable(),
    openNow: z.boolean().nullable(),
    languages: z.array(z.string()),
    phone: z.string().nullable(),
    howToApply: z.string().nullable(),
    url: z.string().nullable(),
    needs: z.array(z.string()),
    cost: z.enum(['free', 'low']).nullable(),
    minimumAge: z.number().nullable(),
    maximumAge: z.number().nullable(),
    lastVerifiedAt: z.string().nullable(),
    stale: z.boolean(),
    openFlags: z.number().int(),
  })
  .meta({ id: 'DirectoryResult' });
export type DirectoryResult = z.infer<typeof DirectoryResult>;

export const DirectorySearchResponse = z.object({
  results: z.array(DirectoryResult),
  total: z.number().int(),
  totalAtLeast: z.boolean().meta({
    description: 'True when counting stopped at `total`: there are at least that many results',
  }),
});
export type DirectorySearchResponse = z.infer<typeof DirectorySearchResponse>;

export const flagReasons = ['phone-not-working', 'closed', 'wrong-info'] as const;
export const DirectoryFlagRequest = z.strictObject({
  reason: z.enum(flagReasons),
  note: z.string().trim().max(500).optional(),
});
export type DirectoryFlagRequest = z.infer<typeof DirectoryFlagRequest>;

export const DirectoryFlag = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string().nullable(),
    reason: z.enum(flagReasons),
    note: z.string().nullable(),
    flaggedBy: z.string(),
    flaggedByName: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.enum(['fixed', 'dismissed']).nullable(),
  })
  .meta({ id: 'DirectoryFlag' });
export type DirectoryFlag = z.infer<typeof DirectoryFlag>;

export const ResolveFlagRequest = z.strictObject({ resolution: z.enum(['fixed', 'dismissed']) });

export const DirectorySettings = z
  .strictObject({
    hsdsPublic: z.boolean(),
    publicSlug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'fields.invalid')
      .nullable(),
    staleAfterMonths: z.number().int().min(1).max(120),
  })
  .meta({ id: 'DirectorySettings' });
export type DirectorySettings = z.infer<typeof DirectorySettings>;

/** What staff may change on a service; null clears a field. */
export const ServiceEditRequest = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  application_process: z.string().trim().max(2000).nullable().optional(),
  fees_description: z.string().trim().max(1000).nullable().optional(),
  eligibility_description: z.string().trim().max(2000).nullable().optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).optional(),
  // http(s), tel or mailto only: a `javascript:` link would run in whoever taps it.
  url: SafeUrl.nullable().optional(),
  email: z.email().nullable().optional(),
  minimum_age: z.number().min(0).max(120).nullable().optional(),
  maximum_age: z.number().min(0).max(120).nullable().optional(),
});
export type ServiceEditRequest = z.infer<typeof ServiceEditRequest>;

/**
 * Why an HSDS file or record was refused or changed, as a code the catalogs say in each language
 * (`directorySheet.hsdsReason_<code>`); `reason` keeps the English for the command line and API clients.
 */
export const hsdsReasons = [
  'required',
  'notValid',
  'nul',
  'badLink',
  'belowMinimumAge',
  'notTime',
  'sameOpenClose',
  'badFreq',
  'badDay',
  'endsBeforeStart',
  'columnMissing',
  'notTable',
  'notCsv',
  'notJson',
  'missingFile',
  'notUtf8',
  'outsideRange',
  'readAs',
  // What the official schema's rule said, by rule, so the admin reads which one failed.
  'notEmail',
  'notUri',
  'notUuid',
  'notDate',
  'notDateTime',
  'badFormat',
  'notNumber',
  'wrongType',
  'notAllowed',
  'tooLong',
  'tooShort',
  'belowMinimum',
  'aboveMaximum',
  'badPattern',
] as const;
export type HsdsReason = (typeof hsdsReasons)[number];

/** One record an import refused or changed, said where it was and why. */
export const ImportIssue = z.object({
  file: z.string(),
  row: z.string(),
  field: z.string(),
  reason: z.string(),
  code: z.enum(hsdsReasons).optional(),
  params: z.record(z.string(), z.string()).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportReport = z
  .object({
    imported: z.record(z.string(), z.number().int()),
    rejected: z.array(ImportIssue),
    warnings: z.array(ImportIssue),
  })
  .meta({ id: 'DirectoryImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

/** A program's own word for the directory search and what it means, searched as both. */
export const DirectorySynonymRequest = z.strictObject({
  term: z.string().trim().min(1).max(80).meta({ description: 'What people say, e.g. "la pulga"' }),
  means: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: 'What the directory calls it, e.g. "flea market" or "thrift store"' }),
});
export type DirectorySynonymRequest = z.infer<typeof DirectorySynonymRequest>;

export const DirectorySynonym = z
  .object({
    id: z.string(),
    term: z.string(),
    means: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'DirectorySynonym' });
export type DirectorySynonym = z.infer<typeof DirectorySynonym>;

/** At most this many synonyms per program: each is matched on every search, on the phone too. */
export const SYNONYMS_MAX = 500;
