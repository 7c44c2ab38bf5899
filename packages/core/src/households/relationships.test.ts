import { describe, expect, it } from 'vitest';
import { t } from '../i18n/catalog.js';
import { type Relationship, relationshipKey, relationships, wordGender } from './relationships.js';

describe('relationship wording', () => {
  it.each([
    ['child', 'Mujer', 'en', 'daughter'],
    ['child', 'male', 'en', 'son'],
    ['child', '', 'en', 'child'],
    ['child', 'F', 'es', 'hija'],
    ['child', 'hombre', 'es', 'hijo'],
    ['child', null, 'es', 'hija o hijo'],
    ['parent', 'female', 'en', 'mother'],
    ['parent', 'no binario', 'es', 'madre o padre'],
    ['grandparent', 'woman', 'es', 'abuela'],
    ['grandparent', 'woman', 'en', 'grandmother'],
    ['partner', 'male', 'es', 'pareja'],
    ['partner', undefined, 'en', 'partner'],
    ['head', 'mujer', 'es', 'jefa del hogar'],
    ['head', 'prefers not to say', 'es', 'persona a cargo del hogar'],
    ['other', 'male', 'en', 'other'],
  ] as const)('%s, gender %j, in %s: %s', (relationship, gender, locale, words) => {
    expect(t(locale, relationshipKey(relationship, gender))).toBe(words);
  });

  it('has words in both languages for every relationship and gender', () => {
    for (const locale of ['en', 'es'] as const)
      for (const r of relationships as readonly Relationship[])
        for (const g of ['mujer', 'hombre', ''])
          expect(t(locale, relationshipKey(r, g))).not.toContain('households.');
  });

  it('never guesses a gender the person did not give', () => {
    expect(wordGender('non-binary')).toBe('unknown');
    expect(wordGender('  Female ')).toBe('female');
    expect(wordGender('mujer trans')).toBe('female');
    expect(wordGender('hombre o mujer')).toBe('unknown');
  });
});
