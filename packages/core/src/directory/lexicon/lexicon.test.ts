import { describe, expect, it } from 'vitest';
import { needsOfStem, needsOfText } from '../needs.js';
import { documentLexemes, queryTerms, termLexemes } from '../query.js';
import { stem } from '../text.js';
import { concepts, conceptsOfStem, typoDistance } from './index.js';

/** Whether a query finds a listing by a concept both hold (not merely a shared need). */
const conceptShared = (query: string, listing: string) => {
  const held = new Set(documentLexemes(listing));
  return termLexemes(queryTerms(query)).some((l) => l.startsWith('c_') && held.has(l));
};

describe('the lexicon', () => {
  it('holds thousands of English and Spanish terms, each concept in both languages, each token once', () => {
    const terms = concepts.reduce((n, c) => n + c.en.length + c.es.length, 0);
    expect(terms).toBeGreaterThan(2500);
    for (const c of concepts) {
      expect(c.en.length, c.token).toBeGreaterThan(0);
      expect(c.es.length, c.token).toBeGreaterThan(0);
    }
    expect(new Set(concepts.map((c) => c.token)).size).toBe(concepts.length);
  });

  // The need words the lexicon replaced: each still names its need.
  it.each([
    ['pantries', 'food'],
    ['viveres', 'food'],
    ['banco de alimentos', 'food'],
    ['desalojo', 'housing'],
    ['albergue', 'housing'],
    ['techo', 'housing'],
    ['liheap', 'utilities'],
    ['calefaccion', 'utilities'],
    ['chamba', 'work'],
    ['curriculum', 'work'],
    ['dentista', 'clinic'],
    ['seguro medico', 'clinic'],
    ['salud mental', 'behavioral-health'],
    ['psicologa', 'behavioral-health'],
    ['inmigracion', 'legal'],
    ['camion', 'transit'],
    ['impuestos', 'money'],
    ['panales', 'goods'],
    ['cobijas', 'goods'],
    ['clases', 'education'],
    ['guarderia', 'care'],
    ['violencia', 'emergency'],
  ])('"%s" names %s', (text, need) => {
    expect(needsOfText(text)).toContain(need);
  });

  it.each([
    // Spanish over English listings, and the other way round.
    ['me van a desalojar', 'Eviction Defense Clinic'],
    ['aviso de desalojo', 'Tenants facing an eviction notice'],
    ['lentes', 'Vision Care and Eyeglasses'],
    ['estampillas de comida', 'CalFresh / SNAP Application Help'],
    ['silla de ruedas', 'Medical Equipment Loan Closet: wheelchairs'],
    ['acta de nacimiento', 'Certified copies of a birth certificate'],
    ['dolor de muelas', 'Emergency toothache visits'],
    ['pañales', 'Diaper Bank'],
    ['food pantry', 'Despensa Comunitaria'],
    ['eviction', 'Ayuda contra el desalojo'],
    // Regional words: Mexican, Caribbean, Central American.
    ['chamba', 'Job Center'],
    ['aventón al médico', 'Rides to appointments'],
    ['guagua', 'Reduced Fare Bus Pass'],
    ['pulpería', 'Corner grocery store vouchers'],
    ['espejuelos', 'Free eyeglasses'],
    ['chumpa', 'Winter coats for children'],
    // Accents and capitals as typed, or not.
    ['GUARDERÍA', 'Child care referrals'],
    ['guarderia', 'Child care referrals'],
    // Typos: one in short words, two in long ones, a swap counting as one.
    ['comdia', 'Free meals and food'],
    ['dentsit', 'Community Dental Clinic: dentist'],
    ['albergé', 'Family shelter'],
    ['shelterr', 'Albergue'],
    ['inmigrasion', 'Immigration Legal Services'],
  ])('"%s" finds "%s" by a concept both name', (query, listing) => {
    expect(conceptShared(query, listing)).toBe(true);
  });

  it.each([
    // Unrelated words stay unrelated: typos are not stretched to reach a term.
    ['winter', 'Water Bill Discount'],
    ['bed', 'Red Cross'],
    ['zapote', 'Food Pantry'],
  ])('"%s" does not find "%s" by a concept', (query, listing) => {
    expect(conceptShared(query, listing)).toBe(false);
  });

  it('takes words under three letters as typed, and the first letter as right', () => {
    expect(conceptsOfStem('fo')).toEqual([]);
    expect(conceptsOfStem('dood')).toEqual([]);
    expect(needsOfStem(stem('fod'))).toContain('food');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(typoDistance('comida', 'comdia')).toBe(1);
    expect(typoDistance('comida', 'comi')).toBe(2);
    expect(typoDistance('winter', 'water', 1)).toBeGreaterThan(1);
  });

  it('marks regional Spanish', () => {
    const bus = concepts.find((c) => c.es.includes('guagua') && c.need === 'transit');
    expect(bus?.regions.guagua).toBe('cb');
    const job = concepts.find((c) => c.es.includes('chamba'));
    expect(job?.regions.chamba).toBe('mx');
  });

  it('reads a phrase as one concept, with its words still counting', () => {
    const groups = queryTerms('banco de alimentos').groups;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toContain('c_food_bank');
    expect(groups[0]).toContain('need_food');
  });

  it('searches a program’s own word as what it means, and as itself', () => {
    const synonyms = [{ term: 'La Casita', means: 'senior center' }];
    // Stop words go on both sides: "casita" alone is the program's word too.
    const [group] = queryTerms('casita', synonyms).groups;
    expect(group).toContain('casita');
    expect(group).toContain('c_senior_center');
    expect(group).toContain('need_care');
    expect(queryTerms('la casita').groups).toEqual([['casita']]);
    expect(queryTerms('casas', synonyms).groups[0]).not.toContain('c_senior_center');
  });
});
