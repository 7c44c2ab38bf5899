import {
  ahcHrsn,
  allItems,
  builtInQuestionnaires,
  type QuestionnaireItem,
  type ResponseItem,
  readScoringRule,
  type ScoreResult,
} from '@puente/core';
import { type Sql, sql } from '../../../db/sql/index.js';
import {
  type Coding,
  type FhirResource,
  instant,
  LOINC,
  OBSERVATION_CATEGORY,
  patientRef,
  US_CORE_CATEGORY,
} from './common.js';

export interface ScreeningRow {
  id: string;
  clientId: string;
  instrument: string;
  version: string;
  authoredAt: Date | string;
  complete: boolean;
  total: number | null;
  band: string | null;
  response: { item?: ResponseItem[] };
  result: ScoreResult;
  /** Whether the reader may see the answers (and so open the QuestionnaireResponse). */
  answersShared: boolean;
}

/**
 * On alias `s`. `totals` and `answers` are SQL booleans: a row read without totals has no score,
 * one read without answers has neither the answers nor what was derived from them (findings).
 */
export const screeningColumns = (
  totals: Sql = sql`true`,
  answers: Sql = sql`true`,
): Sql => sql`s.id, s.client_id as "clientId",
  s.instrument, s.version, s.authored_at as "authoredAt", s.complete,
  case when ${totals} then s.total end as total, case when ${totals} then s.band end as band,
  case when ${answers} then s.response else '{}'::jsonb end as response,
  case when ${answers} then s.result else '{}'::jsonb end as result,
  coalesce(${answers}, false) as "answersShared"`;

const ITEM_9 = '44260-8';
/** The instruments served as a LOINC panel Observation (INSTRUMENTS.md): PHQ-9 and GAD-7. */
const PANELS = new Set(['44249-1', '69737-5']);
const survey = { coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] };
const sdoh = { coding: [{ system: US_CORE_CATEGORY, code: 'sdoh', display: 'SDOH' }] };

const byUrl = new Map(builtInQuestionnaires.map((q) => [q.url, q]));
const socialDomains = (() => {
  const { rule } = readScoringRule(ahcHrsn);
  return rule?.method === 'social-needs' ? rule.domains : [];
})();

const loincOf = (item: QuestionnaireItem | undefined) => item?.code?.find((c) => c.system === LOINC)?.code;

function answerTo(items: ResponseItem[] = [], linkId: string): Coding | undefined {
  for (const item of items) {
    if (item.linkId === linkId) return item.answer?.[0]?.valueCoding;
    const nested = answerTo(item.item, linkId);
    if (nested) return nested;
  }
  return undefined;
}

/** The filled-in form, as stored: the server's copy, with the phone's arithmetic taken out. */
export function toQuestionnaireResponse(s: ScreeningRow): FhirResource {
  return {
    resourceType: 'QuestionnaireResponse',
    id: s.id,
    questionnaire: `${s.instrument}|${s.version}`,
    status: s.complete ? 'completed' : 'in-progress',
    subject: patientRef(s.clientId),
    authored: instant(s.authoredAt),
    ...(s.response.item?.length ? { item: s.response.item } : {}),
  };
}

/** An Observation of a screen; derivedFrom its QuestionnaireResponse only when the reader may open it. */
function observation(s: ScreeningRow, suffix: string, fields: Record<string, unknown>): FhirResource {
  return {
    resourceType: 'Observation',
    id: `${s.id}-${suffix}`,
    status: 'final',
    category: [survey],
    subject: patientRef(s.clientId),
    effectiveDateTime: instant(s.authoredAt),
    ...(s.answersShared ? { derivedFrom: [{ reference: `QuestionnaireResponse/${s.id}` }] } : {}),
    ...fields,
  };
}

const ref = (o: FhirResource) => ({ reference: `Observation/${o.id}` });

/**
 * A PHQ-9 or GAD-7 as clinicians expect it: the panel (its LOINC panel code) with `hasMember`
 * pointing at one Observation per answered item (`-item1`…, in the form's order, so PHQ-9 item 9
 * keeps its id) and at the total. Only with the answers: a reader of totals alone gets the total.
 */
function panel(s: ScreeningRow, items: QuestionnaireItem[], total: FhirResource | undefined): FhirResource[] {
  const q = byUrl.get(s.instrument);
  const code = q?.code?.find((c) => c.system === LOINC && PANELS.has(c.code ?? ''))?.code;
  if (!code || !s.answersShared || !s.response.item?.length) return [];
  const questions = items.filter((i) => i.type === 'choice' && !i.readOnly && loincOf(i));
  const members = questions.flatMap((item, i) => {
    const answer = answerTo(s.response.item, item.linkId);
    const question = loincOf(item);
    if (!answer || !question) return [];
    return [
      observation(s, `item${i + 1}`, {
        code: { coding: [{ system: LOINC, code: question }], text: item.text },
        valueCodeableConcept: { coding: [answer] },
      }),
    ];
  });
  if (members.length === 0) return [];
  return [
    observation(s, 'panel', {
      status: s.complete ? 'final' : 'preliminary',
      code: { coding: [{ system: LOINC, code }], text: q?.title ?? s.instrument },
      hasMember: [...members, ...(total ? [total] : [])].map(ref),
    }),
    ...members,
  ];
}

/**
 * The Observations a screen yields: its total (LOINC total code), for a PHQ-9 or GAD-7 read
 * with its answers the panel and one Observation per item (PHQ-9 item 9 among them, as
 * `-item9`: it asks for follow-up whatever the total), and one social-need
 * finding per need found, coded with the question and answer and the Gravity
 * SDOH category. Incomplete screens yield no total.
 */
export function toObservations(s: ScreeningRow): FhirResource[] {
  const q = byUrl.get(s.instrument);
  const items = allItems(q?.item);
  const out: FhirResource[] = [];
  let total: FhirResource | undefined;
  if (s.complete && s.total !== null) {
    const code = loincOf(items.find((i) => i.readOnly));
    const name = `${q?.title ?? s.instrument} total score`;
    total = observation(s, 'total', {
      code: code ? { coding: [{ system: LOINC, code }], text: name } : { text: name },
      valueInteger: s.total,
      ...(s.band ? { interpretation: [{ text: s.band }] } : {}),
    });
    out.push(total);
  }
  const grouped = panel(s, items, total);
  out.push(...grouped);
  const item9 = items.find((i) => loincOf(i) === ITEM_9);
  const item9Answer = item9 ? answerTo(s.response.item, item9.linkId) : undefined;
  // Item 9 is its own Observation even where no panel holds it.
  if (item9Answer && !grouped.some((o) => o.id === `${s.id}-item9`)) {
    out.push(
      observation(s, 'item9', {
        code: { coding: [{ system: LOINC, code: ITEM_9 }] },
        valueCodeableConcept: { coding: [item9Answer] },
      }),
    );
  }
  for (const need of s.result.needs ?? []) {
    const domain = socialDomains.find((d) => d.name === need.domain);
    const category = { coding: [need.category] };
    const hit = domain?.when.find((w) => answerTo(s.response.item, w.linkId)?.code === w.answer.code);
    const total = s.result.domainTotals?.[need.domain];
    if (hit) {
      const question = loincOf(items.find((i) => i.linkId === hit.linkId));
      out.push(
        observation(s, need.domain, {
          category: [survey, sdoh, category],
          code: question ? { coding: [{ system: LOINC, code: question }] } : { text: need.domain },
          valueCodeableConcept: { coding: [hit.answer] },
        }),
      );
    } else if (domain?.total && total !== undefined) {
      const code = loincOf(items.find((i) => i.linkId === domain.total));
      out.push(
        observation(s, need.domain, {
          category: [survey, sdoh, category],
          code: code ? { coding: [{ system: LOINC, code }] } : { text: need.domain },
          valueInteger: total,
        }),
      );
    }
  }
  return out;
}
