import { describe, expect, it } from 'vitest';
import { isOpenAt, scheduleProblem, weeklyOpenings } from './hours.js';
import { needsOfFilter, needsOfStem } from './needs.js';
import { queryTerms, toTsquery } from './query.js';
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
    expect(toTsquery(queryTerms('Necesito comida'))).toBe("('comida' | 'need_food')");
    expect(toTsquery(queryTerms('de la'))).toBeUndefined();
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
