import { describe, expect, it } from 'vitest';
import { textablePhone, toE164 } from './phone.js';

describe('toE164', () => {
  it.each([
    ['(555) 201-3344', '+15552013344'],
    ['555.201.3344', '+15552013344'],
    ['1 555 201 3344', '+15552013344'],
    ['+1 555 201 3344', '+15552013344'],
    ['+52 55 1234 5678', '+525512345678'],
    ['+34 612 345 678', '+34612345678'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    '',
    'call me',
    '12345',
    '555-0100',
    '(055) 201-3344',
    '+1 155 201 3344',
    '+0 123 456 789',
    '+1234567890123456',
    '555 201 3344 ext 2',
  ])('%j is not a phone number', (input) => {
    expect(toE164(input)).toBeUndefined();
  });
});

describe('textablePhone', () => {
  it.each([
    [true, true, '+1 555 201 3344', '+15552013344'],
    [true, false, '+15552013344', ''],
    [false, true, '+15552013344', ''],
    [true, true, null, ''],
  ])('okToText %s, safe %s, %s → %j', (okToText, safeToContact, phone, expected) => {
    expect(textablePhone({ okToText, safeToContact, phone })).toBe(expected);
  });
});
