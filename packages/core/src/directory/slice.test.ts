import { describe, expect, it } from 'vitest';
import { PuenteError } from '../errors/problem.js';
import { needToken } from './needs.js';
import { documentLexemes } from './query.js';
import { type DirectorySliceEntry, searchSlice } from './slice.js';

const entry = (id: string, name: string, over: Partial<DirectorySliceEntry> = {}): DirectorySliceEntry => ({
  id,
  serviceId: `s-${id}`,
  locationId: null,
  name,
  organizationName: null,
  description: null,
  address: null,
  hours: [],
  hoursNote: null,
  languages: [],
  phone: null,
  howToApply: null,
  url: null,
  needs: [],
  cost: null,
  minimumAge: null,
  maximumAge: null,
  lastVerifiedAt: '2026-01-10T00:00:00.000Z',
  openFlags: 0,
  lexemes: documentLexemes(name),
  languageCodes: [],
  latitude: null,
  longitude: null,
  postalCode: null,
  ...over,
});

const food = (over: Partial<DirectorySliceEntry> = {}) => ({
  needs: ['food'],
  lexemes: [...documentLexemes(over.name ?? ''), needToken('food')],
  ...over,
});
const slice = {
  staleAfterMonths: 12,
  timeZone: 'America/Los_Angeles',
  entries: [
    entry('a', 'Despensa Central', food({ name: 'Despensa Central', cost: 'free', languageCodes: ['es'] })),
    entry(
      'b',
      'Food Pantry North',
      food({
        name: 'Food Pantry North',
        cost: 'low',
        latitude: 36.8,
        longitude: -119.8,
        postalCode: '93701',
      }),
    ),
    entry('c', 'Youth Food Bank', food({ name: 'Youth Food Bank', minimumAge: 12, maximumAge: 18 })),
    entry('d', 'Clínica del Pueblo', {
      needs: ['health'],
      hours: [{ day: 'MO', opens: '09:00', closes: '17:00' }],
      latitude: 36.75,
      longitude: -119.79,
      postalCode: '93702',
    }),
  ],
};
const ids = (q: Parameters<typeof searchSlice>[1], now?: Date) =>
  searchSlice(slice, q, now ?? new Date('2026-06-01T12:00:00Z')).results.map((r) => r.id);
const page = { limit: 10, offset: 0 };

describe('searching the directory kept on the phone', () => {
  it.each([
    // "Comida" is food: the two listings saying "food" hold its concept, the despensa its need.
    ['a need named in Spanish', { q: 'comida' }, ['b', 'c', 'a']],
    ['a typo in the name of a need', { q: 'fod' }, ['b', 'c', 'a']],
    ['more of the words held ranks higher', { q: 'food bank' }, ['c', 'b', 'a']],
    ['a misspelt name, letter by letter', { q: 'clinca' }, ['d']],
    ['the kind of help', { need: 'food', language: 'es' }, ['a']],
    ['free only', { cost: 'free' as const }, ['a']],
    ['free or low cost', { cost: 'low' as const }, ['a', 'b']],
    ['age outside a service’s range', { q: 'food', age: 30 }, ['b', 'a']],
    ['nearest first from a postcode, within a radius', { postcode: '93702', radiusKm: 10 }, ['d', 'b']],
  ])('%s', (_, query, expected) => {
    expect(ids({ ...page, ...query })).toEqual(expected);
  });

  it('says whether a place is open now in the program’s time zone, and which listings are old', () => {
    // Monday 10:00 in California.
    const monday = new Date('2026-06-01T17:00:00Z');
    expect(ids({ ...page, openNow: true }, monday)).toEqual(['d']);
    const [clinic] = searchSlice(slice, { ...page, q: 'clinica' }, new Date('2027-05-31T17:00:00Z')).results;
    expect(clinic).toMatchObject({ openNow: true, stale: true, distanceKm: null });
  });

  it('pages through the results and counts them all', () => {
    const first = searchSlice(slice, { q: 'food', limit: 2, offset: 0 });
    const second = searchSlice(slice, { q: 'food', limit: 2, offset: 2 });
    expect(first.total).toBe(3);
    expect([...first.results, ...second.results].map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('refuses a postcode it has no place for, as the server does', () => {
    expect(() => searchSlice(slice, { ...page, postcode: '10001' })).toThrow(PuenteError);
  });
});
