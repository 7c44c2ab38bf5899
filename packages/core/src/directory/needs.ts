import { conceptPhrasesIn, conceptsOfStem, conceptsOfText } from './lexicon/index.js';
import { needs } from './need-words.js';

export { needs, type OpenEligibilityTop, openEligibilityTop } from './need-words.js';

export type Need = keyof typeof needs;
export const needKeys = Object.keys(needs) as Need[];

/** The token a need gets in the search document: a category, not a word anyone types. */
export const needToken = (need: Need) => `need_${need.replace('-', '_')}`;

const needsOf = (concepts: readonly { need: Need }[]) => [...new Set(concepts.map((c) => c.need))];

/** The lexicon's phrases found in a run of stems, with where each starts and the need it names. */
export function phrasesIn(stems: readonly string[]): { at: number; length: number; need: Need }[] {
  return conceptPhrasesIn(stems).flatMap((p) =>
    needsOf(p.concepts).map((need) => ({ at: p.at, length: p.length, need })),
  );
}

/**
 * The needs one typed stem names in the lexicon, allowing a typo ("fod" → food,
 * "comdia" → food).
 */
export function needsOfStem(s: string, tolerateTypos = true): Need[] {
  return needsOf(conceptsOfStem(s, tolerateTypos));
}

/** The needs a service names in its own words or taxonomy terms, without guessing at typos. */
export function needsOfText(text: string): Need[] {
  return needsOf(conceptsOfText(text));
}

/**
 * Resolves a need filter given as our key, an Open Eligibility top level
 * ("Food") or an SDOH code ("food-insecurity") to the needs it covers.
 */
export function needsOfFilter(filter: string): Need[] {
  const f = filter.trim();
  if (f in needs) return [f as Need];
  const lower = f.toLowerCase();
  return needKeys.filter(
    (n) =>
      needs[n].openEligibility.toLowerCase() === lower ||
      (needs[n].sdoh as readonly string[]).includes(lower),
  );
}
