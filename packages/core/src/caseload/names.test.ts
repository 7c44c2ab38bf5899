import { describe, expect, it } from 'vitest';
import { displayName, editDistance, foldName, similarNames } from './names.js';

describe('names', () => {
  it.each([
    ['José María', 'jose maria'],
    ['  Núñez-Ibáñez ', 'nunez ibanez'],
    ["O'Brien", 'o brien'],
  ])('folds %j to %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['rosa', 'rosa', 0],
  ])('distance %s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['Jose Hernandez', 'José Hernández', true],
    ['Jose Hernandez', 'Jose Hernandes', true],
    ['Hernández José', 'José Hernández', true],
    ['Guadalupe Ruiz', 'Guadalupe Ruíz', true],
    ['Ana', 'Ana Gómez', true],
    ['Yesenia Morales', 'Yessenia Morales', true],
    ['Jose Hernandez', 'Maria Lopez', false],
    ['Ana', 'Juan', false],
    ['Luis Torres', 'Luisa Flores', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(similarNames(a, b)).toBe(same);
  });

  it('shows the preferred name first', () => {
    expect(displayName({ givenName: 'Guadalupe', familyName: 'Ruiz', preferredName: 'Lupita' })).toBe(
      'Lupita',
    );
    expect(displayName({ givenName: 'Guadalupe', familyName: 'Ruiz', preferredName: null })).toBe(
      'Guadalupe Ruiz',
    );
    expect(displayName({ givenName: 'Ernesto' })).toBe('Ernesto');
  });
});
