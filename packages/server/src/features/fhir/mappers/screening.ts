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
  case when ${answers} then s.result else '{}'::jsonb end as result`;

const ITEM_9 = '44260-8';
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

function observation(s: ScreeningRow, suffix: string, fields: Record<string, unknown>): FhirResource {
  return {
    resourceType: 'Observation',
    id: `${s.id}-${suffix}`,
    status: 'final',
    category: [survey],
    subject: patientRef(s.clientId),
    effectiveDateTime: instant(s.authoredAt),
    derivedFrom: [{ reference: `QuestionnaireResponse/${s.id}` }],
    ...fields,
  };
}

/**
 * The Observations a screen yields: its total (LOINC total code), PHQ-9 item 9
 * on its own (it asks for follow-up whatever the total), and one social-need
 * finding per need found, coded with the question and answer and the Gravity
 * SDOH category. Incomplete screens yield no total.
 */
export function toObservations(s: ScreeningRow): FhirResource[] {
  const q = byUrl.get(s.instrument);
  const items = allItems(q?.item);
  const out: FhirResource[] = [];
  if (s.complete && s.total !== null) {
    const code = loincOf(items.find((i) => i.readOnly));
    const name = `${q?.title ?? s.instrument} total score`;
    out.push(
      observation(s, 'total', {
        code: code ? { coding: [{ system: LOINC, code }], text: name } : { text: name },
        valueInteger: s.total,
        ...(s.band ? { interpretation: [{ text: s.band }] } : {}),
      }),
    );
  }
  const item9 = items.find((i) => loincOf(i) === ITEM_9);
  const item9Answer = item9 ? answerTo(s.response.item, item9.linkId) : undefined;
  if (item9Answer) {
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
