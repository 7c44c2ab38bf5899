import { describe, expect, it } from 'vitest';
import { proposeMapping, readConsent, readLanguage, readSheetDate } from './mapping.js';

describe('proposing a column mapping', () => {
  it.each([
    [
      ['Nombre', 'Apellido', 'Teléfono', 'Fecha de nacimiento', 'Idioma', 'Promotora'],
      { givenName: 0, familyName: 1, phone: 2, birthDate: 3, preferredLanguage: 4, chw: 5 },
    ],
    [
      [
        'First name',
        'Last Name',
        'Phone number',
        'DOB',
        'Language',
        'CHW',
        'Consent',
        'Consent date',
        'Recorded by',
      ],
      {
        givenName: 0,
        familyName: 1,
        phone: 2,
        birthDate: 3,
        preferredLanguage: 4,
        chw: 5,
        consent: 6,
        consentDate: 7,
        consentRecordedBy: 8,
      },
    ],
    [['case_name', 'owner', 'Notes'], { fullName: 0, chw: 1 }],
    [['Name', 'Nombre'], { givenName: 1 }],
    [['Favourite colour'], {}],
  ])('%j', (columns, mapping) => {
    expect(proposeMapping(columns)).toEqual(mapping);
  });
});

describe('reading cells', () => {
  it.each([
    ['03/04/1980', 'mdy', '1980-03-04'],
    ['03/04/1980', 'dmy', '1980-04-03'],
    ['25/12/1980', 'mdy', '1980-12-25'],
    ['1980-7-9', 'dmy', '1980-07-09'],
    ['3/4/80', 'mdy', undefined],
    ['ayer', 'dmy', undefined],
  ] as const)('date %s (%s) is %s', (cell, order, date) => {
    expect(readSheetDate(cell, order)).toBe(date);
  });

  it.each([
    ['Sí', true],
    ['yes', true],
    ['X', true],
    ['', false],
    ['No', false],
    ['tal vez', undefined],
  ] as const)('consent %s is %s', (cell, given) => {
    expect(readConsent(cell)).toBe(given);
  });

  it.each([
    ['Español', 'es'],
    ['english', 'en'],
    ['es', 'es'],
    ['pt-BR', 'pt-BR'],
    ['Klingon', undefined],
  ] as const)('language %s is %s', (cell, tag) => {
    expect(readLanguage(cell)).toBe(tag);
  });
});
