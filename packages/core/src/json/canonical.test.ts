import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { q: 1, p: null }] } }, '{"z":{"x":[3,{"p":null,"q":1}],"y":1}}'],
    [{ a: undefined, b: 'ñ' }, '{"b":"ñ"}'],
    [[], '[]'],
    ['text', '"text"'],
    [null, 'null'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives the same text for the same value in any key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
