import type { MessageKey } from '../i18n/messages.js';

/**
 * How a member is related to the household's head, as codes; the words live in
 * the catalogs (`households.rel_*`), one per gender and one for when it is not known.
 */
export const relationships = [
  'head',
  'partner',
  'child',
  'stepchild',
  'parent',
  'grandparent',
  'grandchild',
  'sibling',
  'aunt-uncle',
  'niece-nephew',
  'cousin',
  'in-law',
  'other-relative',
  'friend',
  'other',
] as const;
export type Relationship = (typeof relationships)[number];

/** The grammatical gender a relationship is worded in; `unknown` takes the wording that assumes neither. */
export type WordGender = 'female' | 'male' | 'unknown';

const female = new Set(['f', 'female', 'woman', 'girl', 'femenino', 'femenina', 'mujer', 'niña', 'nina']);
const male = new Set(['m', 'male', 'man', 'boy', 'masculino', 'hombre', 'niño', 'nino']);

/**
 * The person's gender as written "in their words", read only as far as it
 * says which wording fits; anything else (non-binary, blank, both) is unknown,
 * so Puente never guesses a gender the person did not give.
 * @example wordGender('Mujer') // 'female'
 */
export function wordGender(gender: string | null | undefined): WordGender {
  const words = (gender ?? '').toLowerCase().split(/[^\p{L}]+/u);
  const isFemale = words.some((w) => female.has(w));
  const isMale = words.some((w) => male.has(w));
  if (isFemale === isMale) return 'unknown';
  return isFemale ? 'female' : 'male';
}

/**
 * The catalog key of a relationship's words for a person of that gender.
 * @example relationshipKey('child', 'Mujer') // 'households.rel_child_f' ("daughter", "hija")
 */
export function relationshipKey(relationship: Relationship, gender: string | null | undefined): MessageKey {
  const g = wordGender(gender);
  const suffix = g === 'female' ? '_f' : g === 'male' ? '_m' : '';
  return `households.rel_${relationship}${suffix}` as MessageKey;
}
