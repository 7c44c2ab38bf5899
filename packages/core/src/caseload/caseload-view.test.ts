import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  applyCaseloadView,
  type CaseloadEntry,
  type CaseloadFilter,
  type CaseloadSort,
  caseloadViewParams,
  parseCaseloadView,
} from './caseload-view.js';

const now = new Date('2026-12-06T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

function person(id: string, displayName: string, extra: Partial<CaseloadEntry> = {}): CaseloadEntry {
  return {
    id,
    displayName,
    preferredLanguage: 'es',
    neighborhood: null,
    assignedChwId: null,
    assignedChwName: null,
    lastContactAt: null,
    nextDueOn: null,
    safeToContact: true,
    riskFlag: false,
    needs: [],
    openReferrals: 0,
    ...extra,
  };
}

// Ids are the first letter of the name, so an order reads as a word.
const caseload = [
  person('a', 'Ángela Ruiz', { lastContactAt: daysAgo(3), nextDueOn: '2026-12-09', neighborhood: 'Centro' }),
  person('b', 'beto Gómez', {
    lastContactAt: daysAgo(45),
    riskFlag: true,
    needs: ['food'],
    openReferrals: 1,
  }),
  person('c', 'Carmen Díaz', { preferredLanguage: 'EN', nextDueOn: '2026-12-07', neighborhood: 'centro ' }),
  person('d', 'Dolores Paz', { lastContactAt: daysAgo(30), needs: ['food', 'safety'], riskFlag: true }),
  person('e', 'Elena Soto', { lastContactAt: daysAgo(29), nextDueOn: '2026-12-07', openReferrals: 2 }),
];

const ids = (list: CaseloadEntry[]) => list.map((p) => p.id).join('');

describe('caseload sort', () => {
  it.each<[CaseloadSort, string]>([
    // Never contacted first, then the oldest contact; ties by folded name.
    ['last-contact', 'cbdea'],
    // Folded: accents and case do not move anyone.
    ['name', 'abcde'],
    // Soonest due first, same day by name, nothing due last.
    ['next-due', 'ceabd'],
    // Flagged first, each group longest without contact first.
    ['risk', 'bdcea'],
  ])('%s gives %s', (sort, order) => {
    expect(ids(applyCaseloadView(caseload, { sort, filter: {} }, now))).toBe(order);
  });

  it('does not change the list it was given', () => {
    const before = ids(caseload);
    applyCaseloadView(caseload, { sort: 'name', filter: { risk: true } }, now);
    expect(ids(caseload)).toBe(before);
  });
});

describe('caseload filters', () => {
  it.each<[string, CaseloadFilter, string]>([
    ['no filter', {}, 'abcde'],
    ['risk flag', { risk: true }, 'bd'],
    ['open referrals', { openReferrals: true }, 'be'],
    ['a need', { need: 'food' }, 'bd'],
    ['another need', { need: 'safety' }, 'd'],
    ['language, any case', { language: 'en' }, 'c'],
    ['neighbourhood, folded and trimmed', { neighborhood: 'Centro' }, 'ac'],
    // 30 days exactly counts; 29 does not; never contacted always counts.
    ['no contact in 30 days', { noContactDays: 30 }, 'bcd'],
    ['no contact in 7 days', { noContactDays: 7 }, 'bcde'],
    ['all at once', { risk: true, need: 'food', noContactDays: 30 }, 'bd'],
    ['nothing matches', { risk: true, language: 'en' }, ''],
  ])('%s', (_, filter, expected) => {
    expect(ids(applyCaseloadView(caseload, { sort: 'name', filter }, now))).toBe(expected);
  });

  it.each<[CaseloadFilter, number]>([
    [{}, 0],
    [{ risk: true }, 1],
    [{ risk: false, need: '' }, 0],
    [
      { risk: true, openReferrals: true, need: 'food', language: 'es', neighborhood: 'x', noContactDays: 7 },
      6,
    ],
  ])('counts %j as %i filters on', (filter, count) => {
    expect(activeFilters(filter)).toBe(count);
  });
});

describe('caseload view in the address', () => {
  it.each<[string, string, string]>([
    // [address asked for, view read back as parameters, why]
    ['', '', 'the default leaves no parameters'],
    ['sort=last-contact', '', 'the default sort is not written'],
    ['sort=risk&risk=1&open=1&quiet=30', 'sort=risk&risk=1&open=1&quiet=30', 'codes round-trip'],
    ['need=food&lang=es&area=Centro', 'need=food&lang=es&area=Centro', 'choices round-trip'],
    ['sort=age&risk=yes&quiet=31&open=0', '', 'unknown values are ignored, not errors'],
    [`area=${'x'.repeat(101)}`, '', 'an overlong value is ignored'],
    ['q=ana&quiet=7', 'quiet=7', 'the search is not part of the view'],
  ])('%s → %s (%s)', (asked, kept) => {
    expect(caseloadViewParams(parseCaseloadView(new URLSearchParams(asked))).toString()).toBe(kept);
  });

  it('keeps the search first when given', () => {
    const view = parseCaseloadView(new URLSearchParams('risk=1'));
    expect(caseloadViewParams(view, 'ana ruiz').toString()).toBe('q=ana+ruiz&risk=1');
  });
});
