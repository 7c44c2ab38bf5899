import { allItems, canonicalOf, phq2, type QuestionnaireResponse, score } from '@puente/core';
import type { SampledPerson } from './previous-caseload.js';
import { type ColumnType, releasedColumns, type Seeded } from './previous-rows.js';

const dayMs = 86_400_000;
const given = ['Rosa', 'Marcus', 'Lucía', 'Ana', 'José', 'Wei', 'Amina', 'Pedro', 'Grace', 'Tomás'];
const family = ['García', 'Nguyen', 'Smith', 'López', 'Okafor', 'Hernández', null];
const hoods = ['Fruitvale', 'East Side', 'Downtown', 'Valley', null];
const kinds = ['home-visit', 'phone-call', 'text', 'office', 'community-event'];

/** An answered PHQ-2, scored by core as the screening service did. */
function phq2Screen(r: Seeded) {
  const item: QuestionnaireResponse['item'] = allItems(phq2.item).map((it) => {
    const option = it.answerOption?.[r.int(0, 3)]?.valueCoding;
    return {
      linkId: it.linkId,
      answer: option ? [{ valueCoding: { system: option.system, code: option.code } }] : [],
    };
  });
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonicalOf(phq2),
    status: 'completed',
    item,
  };
  return { response, result: score(phq2, response) };
}

/** The rows of `count` new people and everything done with them, table by table in insert order. */
export function peopleChunk(
  r: Seeded,
  o: {
    orgId: string;
    count: number;
    chws: string[];
    perPerson: number;
    start: number;
    now: number;
    audit: (actor: string, role: string, action: string, subject: string | null, detail?: object) => void;
  },
): {
  tables: (readonly [string, Record<string, ColumnType>, Record<string, unknown>[]])[];
  people: SampledPerson[];
} {
  const t = {
    client: [] as Record<string, unknown>[],
    client_assignment: [] as Record<string, unknown>[],
    consent: [] as Record<string, unknown>[],
    encounter: [] as Record<string, unknown>[],
    goal: [] as Record<string, unknown>[],
    goal_step: [] as Record<string, unknown>[],
    task: [] as Record<string, unknown>[],
    screening: [] as Record<string, unknown>[],
    risk_alert: [] as Record<string, unknown>[],
    alert_event: [] as Record<string, unknown>[],
    referral: [] as Record<string, unknown>[],
    referral_event: [] as Record<string, unknown>[],
  };
  const people: SampledPerson[] = [];
  // Whole seconds, as the API gives times back.
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const day = (ms: number) => iso(ms).slice(0, 10);
  for (let i = 0; i < o.count; i++) {
    const id = r.uuid();
    const chw = r.pick(o.chws);
    const createdAt = o.start + r.int(0, 30) * dayMs;
    const first = r.pick(given);
    const last = r.pick(family);
    const visits = Array.from({ length: r.int(0, Math.round(2 * o.perPerson)) }, () =>
      r.int(createdAt + dayMs, o.now - dayMs),
    ).sort((a, b) => a - b);
    const row: Record<string, unknown> = {
      id,
      org_id: o.orgId,
      given_name: first,
      family_name: last,
      preferred_name: r.chance(0.1) ? first.slice(0, 3) : null,
      name_folded: `${first} ${last ?? ''}`.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      preferred_language: r.chance(0.6) ? 'es' : 'en',
      birth_date: r.chance(0.7) ? `19${r.int(40, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}` : null,
      gender: r.chance(0.5) ? r.pick(['woman', 'man', 'non-binary']) : null,
      phone: r.chance(0.8) ? `+1510555${String(r.int(0, 9999)).padStart(4, '0')}` : null,
      ok_to_text: r.chance(0.5),
      neighborhood: r.pick(hoods),
      address: r.chance(0.5) ? `${r.int(1, 999)} Main St` : null,
      household: r.chance(0.3) ? [{ relation: 'child', age: r.int(1, 17) }] : [],
      insurance_status: r.chance(0.5) ? 'medicaid' : null,
      notes: r.chance(0.2) ? 'Prefers calls after 5 pm' : null,
      assigned_chw_id: chw,
      created_by: chw,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
      last_contact_at: visits.length ? iso(visits.at(-1) ?? 0) : null,
    };
    t.client.push(row);
    t.client_assignment.push({
      id: r.uuid(),
      org_id: o.orgId,
      client_id: id,
      chw_id: chw,
      assigned_by: chw,
      started_at: iso(createdAt),
    });
    o.audit(chw, 'chw', 'client.registered', id);
    const person: SampledPerson = {
      id,
      row,
      consents: [],
      encounters: [],
      screenings: [],
      referrals: [],
      tasks: [],
    };
    const consent = (kind: string, extra: Record<string, unknown> = {}) => {
      const c = {
        id: r.uuid(),
        org_id: o.orgId,
        client_id: id,
        kind,
        method: r.pick(['verbal', 'written']),
        given_on: day(createdAt),
        partner_name: null,
        partner_category: null,
        recorded_by: chw,
        recorded_at: iso(createdAt + 60_000 * (person.consents.length + 1)),
        revoked_at: null,
        revoked_by: null,
        ...extra,
      };
      t.consent.push(c);
      person.consents.push(c);
      o.audit(chw, 'chw', 'consent.recorded', id, { consent: c.id, kind });
      return c;
    };
    consent('service');
    const share = r.chance(0.4)
      ? consent('share', { partner_name: 'Food bank', partner_category: 'food' })
      : null;
    if (r.chance(0.4))
      consent('text', r.chance(0.5) ? { revoked_at: iso(createdAt + dayMs), revoked_by: chw } : {});
    for (const at of visits) {
      const sensitive = r.chance(0.15);
      const e = {
        id: r.uuid(),
        org_id: o.orgId,
        client_id: id,
        author_id: chw,
        kind: r.pick(kinds),
        occurred_at: iso(at),
        duration_minutes: r.chance(0.8) ? r.int(5, 90) : null,
        language: row.preferred_language,
        activities: r.chance(0.5) ? ['support', 'education'] : [],
        note: r.chance(0.5) ? 'Talked about the week' : null,
        note_sensitive: sensitive,
        created_at: iso(at + 3_600_000),
      };
      t.encounter.push(e);
      person.encounters.push(e);
      o.audit(chw, 'chw', 'client.viewed', id);
      o.audit(chw, 'chw', 'encounter.recorded', id, { encounter: e.id, kind: e.kind, sensitive });
    }
    if (visits.length > 0 && r.chance(0.4)) {
      // Those releases titled a rule's follow-up with its code; 0022 turns it into words.
      const task = {
        id: r.uuid(),
        org_id: o.orgId,
        client_id: id,
        assignee_id: chw,
        title: 'follow-up-after-visit',
        due_on: day((visits.at(-1) ?? 0) + 7 * dayMs),
        status: 'open',
        source: 'rule:after-visit',
        created_by: chw,
        created_at: iso(visits.at(-1) ?? 0),
      };
      t.task.push(task);
      person.tasks.push(task);
    }
    if (r.chance(0.2)) {
      const goalId = r.uuid();
      t.goal.push({
        id: goalId,
        org_id: o.orgId,
        client_id: id,
        text: 'Find stable housing',
        need_area: 'housing',
        created_by: chw,
        created_at: iso(createdAt),
      });
      for (const text of ['Call the housing line', 'Gather documents'])
        t.goal_step.push({
          id: r.uuid(),
          org_id: o.orgId,
          goal_id: goalId,
          text,
          owner: r.pick(['chw', 'client']),
          due_on: day(createdAt + 14 * dayMs),
          created_at: iso(createdAt),
        });
    }
    if (r.chance(0.5)) {
      const { response, result } = phq2Screen(r);
      const s = {
        id: r.uuid(),
        org_id: o.orgId,
        client_id: id,
        author_id: chw,
        instrument: phq2.url,
        version: phq2.version,
        authored_at: iso(createdAt + dayMs),
        response: { ...response, id: r.uuid() },
        result,
        complete: result.complete,
        total: result.total ?? null,
        band: result.band?.code ?? null,
        positive: result.positive ?? null,
        positive_domains: result.positiveDomains ?? [],
      };
      t.screening.push(s);
      person.screenings.push(s);
      o.audit(chw, 'chw', 'screening.recorded', id, { screening: s.id });
    }
    if (r.chance(0.02)) {
      const alertId = r.uuid();
      const raised = createdAt + 2 * dayMs;
      t.risk_alert.push({
        id: alertId,
        org_id: o.orgId,
        client_id: id,
        reason: 'chw-judgement',
        raised_by: chw,
        raised_at: iso(raised),
        status: 'acknowledged',
        acknowledged_by: chw,
        acknowledged_at: iso(raised + 600_000),
        action_taken: 'called',
      });
      t.alert_event.push({
        id: r.uuid(),
        org_id: o.orgId,
        alert_id: alertId,
        kind: 'raised',
        user_id: chw,
        at: iso(raised),
      });
    }
    if (share && r.chance(0.6)) {
      const made = createdAt + 3 * dayMs;
      const closed = r.chance(0.5);
      const ref = {
        id: r.uuid(),
        org_id: o.orgId,
        client_id: id,
        need: 'food',
        service_id: `svc-${r.int(1, 50)}`,
        service_name: 'Pantry on Main',
        partner_name: 'Food bank',
        reason: 'Needs groceries this week',
        urgency: r.pick(['routine', 'urgent']),
        consent_id: share.id,
        status: closed ? 'completed' : 'requested',
        outcome: closed ? 'got-help' : null,
        requested_by: chw,
        created_at: iso(made),
        updated_at: iso(made + (closed ? 5 * dayMs : 0)),
        closed_at: closed ? iso(made + 5 * dayMs) : null,
      };
      t.referral.push(ref);
      person.referrals.push(ref);
      t.referral_event.push({
        id: r.uuid(),
        org_id: o.orgId,
        referral_id: ref.id,
        kind: 'created',
        status: 'requested',
        by_user: chw,
        at: iso(made),
      });
      if (closed)
        t.referral_event.push({
          id: r.uuid(),
          org_id: o.orgId,
          referral_id: ref.id,
          kind: 'status',
          status: 'completed',
          by_user: chw,
          at: iso(made + 5 * dayMs),
        });
      o.audit(chw, 'chw', 'referral.created', id, { referral: ref.id });
    }
    people.push(person);
  }
  const tables = Object.entries(t).map(
    ([table, rows]) => [table, releasedColumns[table as keyof typeof releasedColumns], rows] as const,
  );
  return { tables, people };
}
