import { needs } from './need-words.js';
import { stem, wordDistance, words } from './text.js';

export { needs, type OpenEligibilityTop, openEligibilityTop } from './need-words.js';

export type Need = keyof typeof needs;
export const needKeys = Object.keys(needs) as Need[];

/** The token a need gets in the search document: a category, not a word anyone types. */
export const needToken = (need: Need) => `need_${need.replace('-', '_')}`;

// Stem → needs, built once from single words; phrases ("salud mental") only count whole.
const stemNeeds = new Map<string, Set<Need>>();
const phraseNeeds: { stems: string[]; need: Need }[] = [];
for (const need of needKeys) {
  for (const phrase of needs[need].words) {
    const ws = words(phrase);
    if (ws.length > 1) {
      phraseNeeds.push({ stems: ws.map(stem), need });
      continue;
    }
    for (const w of ws) {
      const s = stem(w);
      const set = stemNeeds.get(s) ?? new Set<Need>();
      set.add(need);
      stemNeeds.set(s, set);
    }
  }
}

/** The need phrases found in a run of stems, with where each starts. */
export function phrasesIn(stems: readonly string[]): { at: number; length: number; need: Need }[] {
  const found: { at: number; length: number; need: Need }[] = [];
  for (const { stems: p, need } of phraseNeeds) {
    for (let i = 0; i + p.length <= stems.length; i++) {
      if (p.every((s, j) => stems[i + j] === s)) found.push({ at: i, length: p.length, need });
    }
  }
  return found;
}
const needStems = [...stemNeeds.keys()];

/**
 * The needs one typed stem names, allowing one typo in words of three to five
 * letters and two in longer ones ("fod" → food, "comdia" → food).
 */
export function needsOfStem(s: string, tolerateTypos = true): Need[] {
  const exact = stemNeeds.get(s);
  if (exact) return [...exact];
  if (!tolerateTypos || s.length < 3) return [];
  const allowed = s.length >= 6 ? 2 : 1;
  const found = new Set<Need>();
  for (const candidate of needStems) {
    if (Math.abs(candidate.length - s.length) > allowed) continue;
    if (wordDistance(candidate, s) <= allowed) for (const n of stemNeeds.get(candidate) ?? []) found.add(n);
  }
  return [...found];
}

/** The needs a service names in its own words or taxonomy terms, without guessing at typos. */
export function needsOfText(text: string): Need[] {
  const stems = words(text).map(stem);
  const found = new Set<Need>(phrasesIn(stems).map((p) => p.need));
  for (const s of stems) for (const n of needsOfStem(s, false)) found.add(n);
  return [...found];
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
