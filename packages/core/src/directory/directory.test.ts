import { describe, expect, it } from 'vitest';
import { isOpenAt, scheduleProblem, weeklyOpenings } from './hours.js';
import { needsOfFilter, needsOfStem } from './needs.js';
import { levelTsqueries, queryTerms, termLexemes, toTsquery } from './query.js';
import { foldText, stem } from './text.js';

describe('folding and stemming', () => {
  it.each([
    ['Clínicas', 'clinica'],
    ['despensas', 'despensa'],
    ['pantries', 'pantry'],
    ['counselling', 'counsel'],
    ['counseling', 'counsel'],
    ['services', 'service'],
    ['ciudades', 'ciudad'],
    ['luz', 'luz'],
  ])('%s → %s', (word, expected) => {
    expect(stem(foldText(word))).toBe(expected);
  });
});

describe('needs from words', () => {
  it.each([
    ['comida', 'food'],
    ['despensa', 'food'],
    ['fod', 'food'],
    ['luz', 'utilities'],
    ['trabajo', 'work'],
    ['consejeria', 'behavioral-health'],
  ])('"%s" names %s', (word, need) => {
    expect(needsOfStem(stem(word))).toContain(need);
  });

  it('reads a need filter as our key, an Open Eligibility top level or an SDOH code', () => {
    expect(needsOfFilter('food')).toEqual(['food']);
    expect(needsOfFilter('Housing')).toEqual(['housing']);
    expect(needsOfFilter('utility-insecurity')).toEqual(['utilities']);
    expect(needsOfFilter('spaceships')).toEqual([]);
  });

  it('builds a tsquery of stems and needs, ignoring stop words', () => {
    expect(toTsquery(queryTerms('Necesito comida'))).toBe("('c_food' | 'need_food')");
    expect(toTsquery(queryTerms('comida zapote'))).toBe("('c_food' | 'need_food') | ('zapote')");
    expect(toTsquery(queryTerms('de la'))).toBeUndefined();
  });

  it('counts each lexeme once, as ts_rank does', () => {
    expect(termLexemes(queryTerms('food pantry'))).toEqual(['c_food_pantry', 'need_food', 'c_food']);
  });

  // Reads our tsquery text as a test on a set of lexemes: quotes, &, |, ! and brackets only.
  const holds = (tsquery: string, lexemes: Set<string>) =>
    new Function(
      'has',
      `return ${tsquery
        .replace(/&/g, '&&')
        .replace(/\|/g, '||')
        .replace(/'(\w+)'/g, 'has("$1")')};`,
    )((l: string) => lexemes.has(l)) as boolean;

  it.each([1, 2, 3, 4])('puts every entry holding k of %i lexemes in level k alone', (n) => {
    const lexemes = ['a', 'b', 'c', 'd'].slice(0, n);
    const levels = levelTsqueries(lexemes);
    for (let mask = 1; mask < 2 ** n; mask++) {
      const held = new Set(lexemes.filter((_, i) => mask & (2 ** i)));
      const matching = levels.flatMap((q, i) => (holds(q, held) ? [n - i] : []));
      expect(matching, [...held].join(' ')).toEqual([held.size]);
    }
    expect(levels.some((q) => holds(q, new Set(['z'])))).toBe(false);
  });
});

describe('opening hours', () => {
  const weekdays = weeklyOpenings([
    { freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' },
  ]);
  const overnight = weeklyOpenings([{ freq: 'WEEKLY', byday: 'SU', opens_at: '20:00', closes_at: '06:00' }]);

  it.each([
    ['Monday 10:00 in Los Angeles', '2026-11-30T18:00:00Z', 'America/Los_Angeles', true],
    ['Monday 08:59 in Los Angeles', '2026-11-30T16:59:00Z', 'America/Los_Angeles', false],
    ['Monday 10:00 in Mexico City', '2026-11-30T16:00:00Z', 'America/Mexico_City', true],
    ['Saturday noon in New York', '2026-11-28T17:00:00Z', 'America/New_York', false],
  ])('weekdays 9–5: %s → %s', (_when, at, zone, open) => {
    expect(isOpenAt(weekdays, new Date(at), zone)).toBe(open);
  });

  it('keeps a Sunday night opening open past midnight into Monday', () => {
    expect(isOpenAt(overnight, new Date('2026-11-30T13:00:00Z'), 'America/Los_Angeles')).toBe(true);
    expect(isOpenAt(overnight, new Date('2026-11-30T15:00:00Z'), 'America/Los_Angeles')).toBe(false);
  });

  it('says nothing about hours it does not know, and names schedules that make no sense', () => {
    expect(isOpenAt([], new Date(), 'UTC')).toBeUndefined();
    expect(scheduleProblem({ opens_at: '9am' })?.field).toBe('opens_at');
    expect(scheduleProblem({ opens_at: '10:00', closes_at: '10:00' })?.field).toBe('closes_at');
    expect(scheduleProblem({ byday: 'MO,XX' })?.field).toBe('byday');
    expect(scheduleProblem({ valid_from: '2026-02-01', valid_to: '2026-01-01' })?.field).toBe('valid_to');
  });
});
