import {
  addDays,
  applyCaseloadView,
  type CaseloadEntry,
  type CaseloadView,
  type Client,
  type ClientRecord,
  foldName,
  gad7,
  localDate,
  type Outcomes,
  openReferralStatuses,
  phq9,
  type Referral,
  remission,
  type Screening,
  type ScreeningRecord,
  type Task,
  type TaskRecord,
  type Today,
  treatmentResponse,
} from '@puente/core';
import type { Bundle } from './bundle';
import type { CaseloadPage } from './data';

/** Read access to what the phone holds, with pending changes already laid over. */
export interface Holdings {
  get(clientId: string): Bundle | undefined;
  all(): Iterable<Bundle>;
}

const byName = (a: { displayName: string }, b: { displayName: string }) =>
  foldName(a.displayName).localeCompare(foldName(b.displayName));

/** A task as lists show it; a copy pulled before risk flags existed has none. */
const taskView = (t: TaskRecord, c: ClientRecord): Task => ({
  ...t,
  clientName: c.displayName,
  riskFlag: Boolean(c.riskFlag),
});

function nextDue(b: Bundle): string | null {
  let next: string | null = null;
  for (const t of Object.values(b.tasks))
    if (t.status === 'open' && (!next || t.dueOn < next)) next = t.dueOn;
  return next;
}

/** Needs the person's screens found: the positive domains of the latest complete screen of each kind. */
function needsOf(b: Bundle): string[] {
  const latest = new Map<string, ScreeningRecord>();
  for (const s of Object.values(b.screenings)) {
    const seen = latest.get(s.instrument);
    if (s.complete && (!seen || s.authoredAt > seen.authoredAt)) latest.set(s.instrument, s);
  }
  return [...new Set([...latest.values()].flatMap((s) => s.positiveDomains))];
}

const openStatuses: readonly string[] = openReferralStatuses;

/**
 * The caseload list from the phone's copy: searched, filtered and sorted by
 * `view` (by default longest without contact first, then by name, as the
 * server orders it), with the choices the filters can offer.
 */
export function caseloadPage(
  holdings: Holdings,
  query: {
    q?: string | undefined;
    chwId?: string | undefined;
    limit: number;
    offset: number;
    view?: CaseloadView | undefined;
  },
  now = new Date(),
): CaseloadPage {
  const q = query.q ? foldName(query.q) : '';
  const digits = query.q?.replace(/\D/g, '') ?? '';
  const matches: CaseloadEntry[] = [];
  const languages = new Set<string>();
  const neighborhoods = new Map<string, string>();
  const needs = new Set<string>();
  for (const b of holdings.all()) {
    const c = b.client;
    if (!c || (query.chwId && c.assignedChwId !== query.chwId)) continue;
    const entry: CaseloadEntry = {
      id: c.id,
      displayName: c.displayName,
      preferredLanguage: c.preferredLanguage,
      neighborhood: c.neighborhood,
      assignedChwId: c.assignedChwId,
      assignedChwName: c.assignedChwName,
      lastContactAt: c.lastContactAt,
      nextDueOn: nextDue(b),
      safeToContact: c.safeToContact,
      riskFlag: Boolean(c.riskFlag),
      needs: needsOf(b),
      openReferrals: Object.values(b.referrals).filter((r) => openStatuses.includes(r.status)).length,
    };
    languages.add(entry.preferredLanguage.toLowerCase());
    const area = entry.neighborhood?.trim();
    if (area && !neighborhoods.has(foldName(area))) neighborhoods.set(foldName(area), area);
    for (const n of entry.needs) needs.add(n);
    const folded = foldName([c.givenName, c.familyName, c.preferredName].filter(Boolean).join(' '));
    const found = !q || folded.includes(q) || (digits.length >= 4 && Boolean(c.phone?.endsWith(digits)));
    if (found) matches.push(entry);
  }
  const ordered = applyCaseloadView(matches, query.view ?? { sort: 'last-contact', filter: {} }, now);
  const clients = ordered
    .slice(query.offset, query.offset + query.limit)
    .map(({ needs: _n, openReferrals: _o, ...summary }) => summary);
  return {
    clients,
    total: ordered.length,
    choices: {
      languages: [...languages].sort(),
      neighborhoods: [...neighborhoods.values()].sort((a, b) => foldName(a).localeCompare(foldName(b))),
      needs: [...needs].sort(),
    },
  };
}

/** One person's page from the phone's copy, in the same shape the server sends. */
export function clientView(b: Bundle | undefined): Client | undefined {
  const c = b?.client;
  if (!b || !c) return undefined;
  const { lastContactAt: _l, ...fields } = c;
  const steps = Object.values(b.steps);
  return {
    ...fields,
    accessUntil: null,
    consents: Object.values(b.consents).sort((x, y) => y.recordedAt.localeCompare(x.recordedAt)),
    goals: Object.values(b.goals)
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
      .map((g) => ({
        ...g,
        steps: steps
          .filter((s) => s.goalId === g.id)
          .sort((x, y) => (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999'))
          .map(({ goalId: _g, clientId: _c, ...s }) => s),
      })),
    appointments: Object.values(b.appointments)
      .sort((x, y) => y.at.localeCompare(x.at))
      .slice(0, 50),
    openTasks: Object.values(b.tasks)
      .filter((t) => t.status === 'open')
      .sort((x, y) => x.dueOn.localeCompare(y.dueOn))
      .map((t) => taskView(t, c)),
    encounters: Object.values(b.encounters)
      .sort((x, y) => y.occurredAt.localeCompare(x.occurredAt))
      .slice(0, 50),
  };
}

/** The Today screen from the phone's copy: the caller's open tasks for the week, and appointments to help with. */
export function todayView(holdings: Holdings, me: { id: string }, timeZone: string, now = new Date()): Today {
  const date = localDate(now, timeZone);
  const weekAhead = addDays(date, 7);
  const tasks: Task[] = [];
  const appointments: Today['appointments'] = [];
  const from = new Date(`${addDays(date, -1)}T00:00:00Z`).toISOString();
  const to = new Date(`${addDays(weekAhead, 1)}T00:00:00Z`).toISOString();
  for (const b of holdings.all()) {
    const c = b.client;
    if (!c) continue;
    for (const t of Object.values(b.tasks)) {
      if (t.assigneeId === me.id && t.status === 'open' && t.dueOn <= weekAhead) tasks.push(taskView(t, c));
    }
    if (c.assignedChwId !== me.id && c.backupChwId !== me.id) continue;
    for (const a of Object.values(b.appointments)) {
      if (a.status === 'scheduled' && a.at >= from && a.at < to) {
        appointments.push({ ...a, clientName: c.displayName });
      }
    }
  }
  tasks.sort(
    (x, y) =>
      x.dueOn.localeCompare(y.dueOn) || byName({ displayName: x.clientName }, { displayName: y.clientName }),
  );
  appointments.sort((x, y) => x.at.localeCompare(y.at));
  return {
    date,
    overdue: tasks.filter((t) => t.dueOn < date),
    dueToday: tasks.filter((t) => t.dueOn === date),
    upcoming: tasks.filter((t) => t.dueOn > date),
    appointments: appointments.slice(0, 100),
  };
}

/** A person's screens from the phone's copy, newest first, as the server lists them. */
export function screeningsView(b: Bundle | undefined): Screening[] {
  return Object.values(b?.screenings ?? {}).sort(
    (x, y) => y.authoredAt.localeCompare(x.authoredAt) || y.id.localeCompare(x.id),
  );
}

/** PHQ-9 and GAD-7 totals over time from the phone's copy, measured as the server measures them. */
export function outcomesView(b: Bundle | undefined, timeZone: string): Outcomes {
  const complete = Object.values(b?.screenings ?? {})
    .filter((s) => s.complete && s.total !== null)
    .sort((x, y) => x.authoredAt.localeCompare(y.authoredAt) || x.id.localeCompare(y.id));
  const series: Outcomes['series'] = [];
  for (const url of [phq9.url, gad7.url]) {
    const mine = complete.filter((s) => s.instrument === url);
    const baseline = mine[0]?.total;
    if (baseline === undefined || baseline === null) continue;
    series.push({
      instrument: url,
      baseline,
      points: mine.map((s) => ({
        screeningId: s.id,
        date: localDate(new Date(s.authoredAt), timeZone),
        total: s.total ?? 0,
        response: treatmentResponse(baseline, s.total ?? 0),
        remission: remission(s.total ?? 0),
      })),
    });
  }
  return { series };
}

/** A person's referrals from the phone's copy, newest first. */
export function referralsView(b: Bundle | undefined): Referral[] {
  return Object.values(b?.referrals ?? {}).sort(
    (x, y) => y.createdAt.localeCompare(x.createdAt) || y.id.localeCompare(x.id),
  );
}
