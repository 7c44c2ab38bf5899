import { z } from 'zod';
import { CalendarDate } from '../caseload/fields.js';
import { LanguageTag } from '../caseload/schemas.js';
import { ReferralFigures } from '../referrals/schemas.js';

/**
 * Filters of the program report, as query parameters. Both ends of the range
 * are calendar days in the program's time zone, `to` included.
 */
export const ReportFilters = z
  .strictObject({
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    teamId: z.uuid().optional(),
    chwId: z.uuid().optional(),
    neighborhood: z.string().trim().min(1).max(120).optional(),
    language: LanguageTag.optional(),
  })
  .meta({ id: 'ReportFilters' });
export type ReportFilters = z.infer<typeof ReportFilters>;

/** The longest range one report covers: beyond it, ask for several. */
export const REPORT_MAX_DAYS = 366 * 5;

const Share = z.number().min(0).max(1).nullable();

const ScreeningFigure = z.object({
  /** Canonical url of the questionnaire. */
  instrument: z.string(),
  done: z.number().int(),
  positive: z.number().int(),
  sharePositive: Share,
});

const OutcomeFigure = z.object({
  instrument: z.string(),
  /** People with at least two complete screens of this instrument in the range. */
  people: z.number().int(),
  /** Fall of at least half from their first to their last score. */
  response: z.number().int(),
  shareResponse: Share,
  /** Last score under 5. */
  remission: z.number().int(),
  shareRemission: Share,
  meanFirst: z.number().nullable(),
  meanLast: z.number().nullable(),
});

const Month = z.object({
  /** YYYY-MM in the program's time zone. */
  month: z.string(),
  reached: z.number().int(),
  encounters: z.number().int(),
  screenings: z.number().int(),
  positive: z.number().int(),
  alerts: z.number().int(),
  safetyPlans: z.number().int(),
  /** Head counts at outreach events held that month. */
  attendance: z.number().int(),
});

/** Everything the dashboard shows, and nothing with a name in it. */
export const ReportFigures = z
  .object({
    filters: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    reached: z.object({
      oneToOne: z.number().int(),
      encounters: z.number().int(),
      /** Outreach events held, and their head counts: attendances, not distinct people (attendees stay anonymous). */
      atEvents: z.object({ events: z.number().int(), attendance: z.number().int() }),
    }),
    screenings: z.array(ScreeningFigure),
    alerts: z.object({
      raised: z.number().int(),
      acknowledged: z.number().int(),
      medianMinutesToAcknowledge: z.number().nullable(),
    }),
    /** Loop closure of the referrals made in the range (see ReferralFigures). */
    referrals: ReferralFigures,
    outcomes: z.array(OutcomeFigure),
    safetyPlans: z.object({ people: z.number().int() }),
    months: z.array(Month),
  })
  .meta({ id: 'ReportFigures' });
export type ReportFigures = z.infer<typeof ReportFigures>;

/** What the filter controls offer. CHWs carry a label only for callers who may see staff names. */
export const ReportOptions = z
  .object({
    teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
    chws: z.array(z.object({ id: z.uuid(), name: z.string().nullable() })),
    neighborhoods: z.array(z.string()),
    languages: z.array(z.string()),
  })
  .meta({ id: 'ReportOptions' });
export type ReportOptions = z.infer<typeof ReportOptions>;
