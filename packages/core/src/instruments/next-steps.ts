import { cssrs } from './definitions/cssrs.js';
import { gad2, gad7 } from './definitions/gad.js';
import { phq2, phq9 } from './definitions/phq.js';
import type { Coding } from './fhir.js';
import type { ScoreResult } from './score.js';

/** Tasks a rule makes carry one of these codes; the title is the catalog's text for it, never the code. */
export const followUpTaskCodes = [
  'risk-follow-up-high',
  'risk-follow-up-moderate',
  'rescreen-phq-9',
  'rescreen-gad-7',
] as const;
export type FollowUpTaskCode = (typeof followUpTaskCodes)[number];

/**
 * How soon each follow-up falls due. A program may change them within the
 * limits below, never remove the high-risk follow-up (see `followUpLimits`).
 */
export interface FollowUpIntervals {
  highRiskHours: number;
  moderateRiskHours: number;
  rescreenDays: number;
  /** A PHQ-9 or GAD-7 total from which a re-screen is planned. */
  rescreenFromTotal: number;
}

/** Columbia's high risk is followed up within a day; moderate within three; re-screens after four weeks. */
export const defaultFollowUpIntervals: FollowUpIntervals = {
  highRiskHours: 24,
  moderateRiskHours: 72,
  rescreenDays: 28,
  rescreenFromTotal: 10,
};

/** What a program may set the risk follow-ups to, in hours: high risk never later than a day. */
export const followUpLimits = {
  highRiskHours: { min: 1, max: 24 },
  moderateRiskHours: { min: 1, max: 168 },
} as const;

/** PHQ-9 and GAD-7 "moderate" starts here: the point to suggest behavioural-health services. */
export const referralFromTotal = 10;

/** What the app offers after a screen, most urgent first. `message` is a message key. */
export type NextStep =
  | { kind: 'crisisProtocol'; message: 'screening.stepCrisisProtocol' }
  | {
      kind: 'offerInstrument';
      /** Canonical url of the questionnaire to fill in next. */
      questionnaire: string;
      urgent: boolean;
      message: 'screening.stepCssrsNow' | 'screening.stepOfferPhq9' | 'screening.stepOfferGad7';
    }
  | {
      kind: 'followUp';
      risk: 'high' | 'moderate';
      code: FollowUpTaskCode;
      withinHours: number;
      message: 'followUp.stepHigh' | 'followUp.stepModerate';
    }
  | {
      kind: 'referBehavioralHealth';
      need: 'behavioral-health';
      message: 'followUp.stepReferBehavioralHealth';
    }
  | { kind: 'rescreen'; code: FollowUpTaskCode; inDays: number; message: 'followUp.stepRescreen' }
  | { kind: 'referral'; domain: string; category: Coding; message: 'screening.stepReferral' };

/** A next step that puts a task on the CHW's Today list when the screen is saved. */
export type TaskStep = Extract<NextStep, { kind: 'followUp' | 'rescreen' }>;

interface Rule {
  /** Why the rule exists, in the words of INSTRUMENTS.md. */
  name: string;
  steps: (r: ScoreResult, i: FollowUpIntervals) => NextStep[];
}

const total = (r: ScoreResult, url: string): number | undefined =>
  r.instrument === url && r.complete ? r.total : undefined;
const atLeast = (value: number | undefined, min: number): boolean => value !== undefined && value >= min;
const rescreenCodes = new Map<string, FollowUpTaskCode>([
  [phq9.url, 'rescreen-phq-9'],
  [gad7.url, 'rescreen-gad-7'],
]);

/**
 * The one table of what follows a screen, in order of urgency. The server
 * makes the tasks it names when a screen is saved; the phone shows the same
 * steps offline.
 */
const rules: readonly Rule[] = [
  {
    name: 'C-SSRS high risk (yes to Q4 or Q5, or behaviour in the past 3 months): crisis protocol, follow-up within a day',
    steps: (r, i) =>
      r.flags.cssrsRisk === 'high'
        ? [
            { kind: 'crisisProtocol', message: 'screening.stepCrisisProtocol' },
            {
              kind: 'followUp',
              risk: 'high',
              code: 'risk-follow-up-high',
              withinHours: i.highRiskHours,
              message: 'followUp.stepHigh',
            },
          ]
        : [],
  },
  {
    name: 'C-SSRS moderate risk: follow-up within three days',
    steps: (r, i) =>
      r.flags.cssrsRisk === 'moderate'
        ? [
            {
              kind: 'followUp',
              risk: 'moderate',
              code: 'risk-follow-up-moderate',
              withinHours: i.moderateRiskHours,
              message: 'followUp.stepModerate',
            },
          ]
        : [],
  },
  {
    name: 'PHQ-9 item 9 above 0: the C-SSRS now, whatever the total, even before the PHQ-9 is finished',
    steps: (r) =>
      r.flags.phq9Item9
        ? [
            {
              kind: 'offerInstrument',
              questionnaire: cssrs.url,
              urgent: true,
              message: 'screening.stepCssrsNow',
            },
          ]
        : [],
  },
  {
    name: 'PHQ-2 ≥ 3: complete the PHQ-9',
    steps: (r) =>
      r.instrument === phq2.url && r.positive
        ? [
            {
              kind: 'offerInstrument',
              questionnaire: phq9.url,
              urgent: false,
              message: 'screening.stepOfferPhq9',
            },
          ]
        : [],
  },
  {
    name: 'GAD-2 ≥ 3: complete the GAD-7',
    steps: (r) =>
      r.instrument === gad2.url && r.positive
        ? [
            {
              kind: 'offerInstrument',
              questionnaire: gad7.url,
              urgent: false,
              message: 'screening.stepOfferGad7',
            },
          ]
        : [],
  },
  {
    name: 'PHQ-9 ≥ 10 or GAD-7 ≥ 10 (moderate or worse): suggest behavioural-health services',
    steps: (r) =>
      atLeast(total(r, phq9.url), referralFromTotal) || atLeast(total(r, gad7.url), referralFromTotal)
        ? [
            {
              kind: 'referBehavioralHealth',
              need: 'behavioral-health',
              message: 'followUp.stepReferBehavioralHealth',
            },
          ]
        : [],
  },
  {
    name: 'PHQ-9 or GAD-7 at or above the program’s threshold: re-screen after its interval',
    steps: (r, i) => {
      const code = rescreenCodes.get(r.instrument);
      return code && atLeast(total(r, r.instrument), i.rescreenFromTotal)
        ? [{ kind: 'rescreen', code, inDays: i.rescreenDays, message: 'followUp.stepRescreen' }]
        : [];
    },
  },
  {
    name: 'AHC HRSN: a referral for each social need found',
    steps: (r) =>
      (r.needs ?? []).map((need) => ({
        kind: 'referral',
        domain: need.domain,
        category: need.category,
        message: 'screening.stepReferral',
      })),
  },
];

/**
 * What to offer after a scored screen, from the one rule table above.
 * @example
 * nextSteps(score(phq9, response))
 * // [{ kind: 'offerInstrument', questionnaire: '…/cssrs-screener', urgent: true, … },
 * //  { kind: 'referBehavioralHealth', … }, { kind: 'rescreen', code: 'rescreen-phq-9', inDays: 28, … }]
 */
export function nextSteps(
  result: ScoreResult,
  intervals: FollowUpIntervals = defaultFollowUpIntervals,
): NextStep[] {
  return rules.flatMap((rule) => rule.steps(result, intervals));
}

/** The steps that make a task, with the instrument whose re-screen they are. */
export const taskSteps = (steps: readonly NextStep[]): TaskStep[] =>
  steps.filter((s): s is TaskStep => s.kind === 'followUp' || s.kind === 'rescreen');

/** The re-screen code of an instrument, for closing the re-screen a new screen answers. */
export const rescreenCodeOf = (instrument: string): FollowUpTaskCode | undefined =>
  rescreenCodes.get(instrument);
