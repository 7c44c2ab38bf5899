import { editDistance, foldText } from '../text/fold.js';

/**
 * Text as directory search compares it: accents folded, lower case, light
 * English/Spanish stemming. The same functions run when an entry is indexed
 * and when a CHW types, so both sides always agree.
 */

export { foldText };

// Words that say nothing about a need, in either language.
const stopWords = new Set(
  (
    'a an and the of for to in on at by with near me my i we need help find where is are or ' +
    'el la los las un una unos unas de del y o en con para por al mi me necesito ayuda donde que se su sus'
  ).split(' '),
);

// Longest first: the first suffix that fits is removed.
const suffixes = [
  'aciones',
  'iciones',
  'amiento',
  'imiento',
  'acion',
  'icion',
  'mente',
  'ings',
  'ing',
  'ies',
  'es',
  's',
];

/**
 * A light stemmer for English and Spanish: plurals and common endings go, so
 * "pantries"/"pantry", "despensas"/"despensa", "counseling"/"counsel" meet.
 * @example stem('clinicas') // 'clinica'
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  for (const suffix of suffixes) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    let base = word.slice(0, -suffix.length);
    if (suffix === 'ies') base += 'y';
    else if (suffix === 'es' && !/(ch|sh|x|z|ss|[aeiou][lnrdj])$/.test(base)) base = word.slice(0, -1);
    // "counselling" → "counsell" → "counsel": doubled consonants before -ing are spelling only.
    if (suffix.startsWith('ing') && /([^aeiou])\1$/.test(base)) base = base.slice(0, -1);
    return base;
  }
  return word;
}

/** The folded words of a text, stop words removed. */
export function words(text: string): string[] {
  return foldText(text)
    .split(' ')
    .filter((w) => w.length > 0 && !stopWords.has(w));
}

/** The stems of a text, as stored in the search document. */
export function stems(text: string): string[] {
  return [...new Set(words(text).map(stem))];
}

/** Edit distance between two short words (the one edit distance of core/text). */
export const wordDistance = editDistance;
