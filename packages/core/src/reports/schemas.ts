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

/** Null when hidden: listed in `smallCounts.suppressed` (a share, mean or median of a hidden count is hidden too). */
const Share = z.number().min(0).max(1).nullable();
/** A count of people (or of their screens, alerts, referrals); null when hidden as a small count. */
const Count = z.number().int().min(0).nullable();

const ScreeningFigure = z.object({
  /** Canonical url of the questionnaire. */
  instrument: z.string(),
  done: Count,
  positive: Count,
  sharePositive: Share,
});

const OutcomeFigure = z.object({
  instrument: z.string(),
  /** People with at least two complete screens of this instrument in the range. */
  people: Count,
  /** Fall of at least half from their first to their last score. */
  response: Count,
  shareResponse: Share,
  /** Last score under 5. */
  remission: Count,
  shareRemission: Share,
  meanFirst: z.number().nullable(),
  meanLast: z.number().nullable(),
});

const Month = z.object({
  /** YYYY-MM in the program's time zone. */
  month: z.string(),
  reached: Count,
  encounters: Count,
  screenings: Count,
  positive: Count,
  alerts: Count,
  safetyPlans: Count,
  /** Head counts at outreach events held that month. */
  attendance: Count,
});

const Loop = { made: Count, closed: Count, gotHelp: Count };
const referralRow = ReferralFigures.shape;

/** The referral figures of the report, with small counts hidden (see `ReferralFigures`). */
export const ReportReferrals = ReferralFigures.extend({
  ...Loop,
  byStatus: z.array(z.object({ status: referralRow.byStatus.element.shape.status, count: Count })),
  byOutcome: z.array(z.object({ outcome: referralRow.byOutcome.element.shape.outcome, count: Count })),
  byNeed: z.array(z.object({ need: referralRow.byNeed.element.shape.need, ...Loop })),
  byPartner: z.array(
    z.object({ partnerName: z.string(), ...Loop, medianDaysToClose: z.number().nullable() }),
  ),
});

/** How small counts were hidden: under `threshold`, and the figures (by `figureKey`) sent as null for it. */
export const SmallCounts = z.object({ threshold: z.number().int(), suppressed: z.array(z.string()) });

/** Loop closure on its own: the report's referral figures, small counts hidden the same way. */
export const PublishedReferralFigures = ReportReferrals.extend({ smallCounts: SmallCounts }).meta({
  id: 'PublishedReferralFigures',
});
export type PublishedReferralFigures = z.infer<typeof PublishedReferralFigures>;

/** Everything the dashboard shows, nothing with a name in it, and no count under the program's threshold. */
export const ReportFigures = z
  .object({
    filters: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    reached: z.object({
      oneToOne: Count,
      encounters: Count,
      /** Outreach events held (never hidden: they count gatherings), and their head counts: attendances, not distinct people. */
      atEvents: z.object({ events: z.number().int(), attendance: Count }),
    }),
    screenings: z.array(ScreeningFigure),
    alerts: z.object({
      raised: Count,
      acknowledged: Count,
      medianMinutesToAcknowledge: z.number().nullable(),
    }),
    /** Loop closure of the referrals made in the range (see ReferralFigures). */
    referrals: ReportReferrals,
    outcomes: z.array(OutcomeFigure),
    safetyPlans: z.object({ people: Count }),
    months: z.array(Month),
    smallCounts: SmallCounts,
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
