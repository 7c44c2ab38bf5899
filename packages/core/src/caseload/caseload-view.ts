import { foldName } from './names.js';
import type { ClientSummary } from './views.js';

// How a CHW sorts and narrows the caseload. Pure, so the phone applies it to its
// own copy without signal, and kept as URL parameters, so back, forward and a
// reload keep what was chosen. Only codes go in the address (a language tag,
// a need's domain, "30" days, "1"), never a name or anything a person said,
// except the neighbourhood the CHW picked from their own list.

export const caseloadSorts = ['last-contact', 'name', 'next-due', 'risk'] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];

/** Days without contact a CHW can ask for ("no contact in 30 days"). */
export const contactGaps = [7, 14, 30, 60, 90] as const;

export interface CaseloadFilter {
  /** Only people with an uncleared risk flag. */
  risk?: boolean;
  /** Only people with a referral still waiting on someone. */
  openReferrals?: boolean;
  /** A social-need domain a screen found positive (e.g. `food`). */
  need?: string;
  /** A language tag, e.g. `es`. */
  language?: string;
  neighborhood?: string;
  /** No contact in at least this many days (never contacted counts). */
  noContactDays?: number;
}

export interface CaseloadView {
  sort: CaseloadSort;
  filter: CaseloadFilter;
}

/** A person as the list narrows them: the summary, their needs and open referrals. */
export interface CaseloadEntry extends ClientSummary {
  needs: readonly string[];
  openReferrals: number;
}

const MAX_PARAM = 100;

/** The view an address asks for; anything unknown or malformed is ignored, never an error. */
export function parseCaseloadView(params: URLSearchParams): CaseloadView {
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value && value.length <= MAX_PARAM ? value : undefined;
  };
  const sort = caseloadSorts.find((s) => s === params.get('sort')) ?? 'last-contact';
  const days = Number(params.get('quiet'));
  const filter: CaseloadFilter = {};
  if (params.get('risk') === '1') filter.risk = true;
  if (params.get('open') === '1') filter.openReferrals = true;
  const need = text('need');
  if (need) filter.need = need;
  const language = text('lang');
  if (language) filter.language = language;
  const neighborhood = text('area');
  if (neighborhood) filter.neighborhood = neighborhood;
  if ((contactGaps as readonly number[]).includes(days)) filter.noContactDays = days;
  return { sort, filter };
}

/** The view as URL parameters, leaving out what is the default; `q` (the search) is kept as given. */
export function caseloadViewParams(view: CaseloadView, q = ''): URLSearchParams {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (view.sort !== 'last-contact') params.set('sort', view.sort);
  const f = view.filter;
  if (f.risk) params.set('risk', '1');
  if (f.openReferrals) params.set('open', '1');
  if (f.need) params.set('need', f.need);
  if (f.language) params.set('lang', f.language);
  if (f.neighborhood) params.set('area', f.neighborhood);
  if (f.noContactDays) params.set('quiet', String(f.noContactDays));
  return params;
}

/** How many filters are on (the search is not one). */
export const activeFilters = (filter: CaseloadFilter): number =>
  Object.values(filter).filter((v) => v !== undefined && v !== false && v !== '').length;

const DAY_MS = 86_400_000;

/** Whether one person passes every filter that is on; `now` decides "no contact in N days". */
export function matchesFilter(entry: CaseloadEntry, filter: CaseloadFilter, now: Date): boolean {
  if (filter.risk && !entry.riskFlag) return false;
  if (filter.openReferrals && entry.openReferrals === 0) return false;
  if (filter.need && !entry.needs.includes(filter.need)) return false;
  if (filter.language && entry.preferredLanguage.toLowerCase() !== filter.language.toLowerCase())
    return false;
  if (filter.neighborhood && foldName(entry.neighborhood ?? '') !== foldName(filter.neighborhood))
    return false;
  if (filter.noContactDays && entry.lastContactAt) {
    const since = now.getTime() - new Date(entry.lastContactAt).getTime();
    if (since < filter.noContactDays * DAY_MS) return false;
  }
  return true;
}

const byName = (a: CaseloadEntry, b: CaseloadEntry) =>
  foldName(a.displayName).localeCompare(foldName(b.displayName)) || a.id.localeCompare(b.id);

// Empty values go last when sorting on dates that are wanted soonest (next due),
// first when the point is to find who was left longest (never contacted).
const orders: Record<CaseloadSort, (a: CaseloadEntry, b: CaseloadEntry) => number> = {
  name: byName,
  'last-contact': (a, b) => (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') || byName(a, b),
  'next-due': (a, b) =>
    (a.nextDueOn ?? '9999-12-31').localeCompare(b.nextDueOn ?? '9999-12-31') || byName(a, b),
  risk: (a, b) =>
    Number(b.riskFlag) - Number(a.riskFlag) ||
    (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') ||
    byName(a, b),
};

/** The people who pass the filters, in the chosen order (a new array). */
export function applyCaseloadView<E extends CaseloadEntry>(
  entries: readonly E[],
  view: CaseloadView,
  now: Date,
): E[] {
  return entries.filter((e) => matchesFilter(e, view.filter, now)).sort(orders[view.sort]);
}
