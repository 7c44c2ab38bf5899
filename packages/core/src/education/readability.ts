import type { Locale } from '../i18n/locales.js';

/**
 * Readability of plain text, for editors of the education library. Pure and
 * approximate by nature: syllables are counted by rule, not from a dictionary.
 */

/** Words of a text: runs of letters (apostrophes and inner hyphens kept), numbers left out. */
export function wordsOf(text: string): string[] {
  return text.match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
}

/**
 * Sentences: ended by . ! ? … (or a line break after a list item or heading),
 * counting only pieces that hold a word. Abbreviations are rare in plain language.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/[.!?…]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*#]|\s*\d+\.)/u)
    .filter((piece) => wordsOf(piece).length > 0);
}

const englishExceptions: Record<string, number> = {
  people: 2,
  being: 2,
  area: 3,
  idea: 3,
  really: 2,
  business: 2,
  anxiety: 4,
  quiet: 2,
  doing: 2,
  going: 2,
  create: 2,
  every: 2,
  evening: 2,
};

// First parts of compounds whose final "e" is silent: "some|times", "care|giver".
const compoundHeads = ['some', 'every', 'care', 'home', 'life', 'time', 'where', 'there', 'one', 'side'];

/**
 * English syllables by the usual rules: groups of vowels, less a silent final
 * "e" or an "-es"/"-ed" that adds no sound; "i" before another vowel is often
 * its own syllable (me-di-a, se-ri-ous) except in -tion, -cial, -sion.
 * @example englishSyllables('reading') // 2
 */
export function englishSyllables(raw: string): number {
  const word = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (!word) return 0;
  const known = englishExceptions[word];
  if (known !== undefined) return known;
  if (word.length <= 3) return 1;
  const head = compoundHeads.find((h) => word.startsWith(h) && word.length > h.length + 2);
  if (head) return englishSyllables(head) + englishSyllables(word.slice(head.length));
  const stem = word.replace(/^y/, '').replace(/([^aeiouy])e(ly|ful|ment|ness|less)$/, '$1$2');
  let count = stem.match(/[aeiouy]+/g)?.length ?? 0;
  count += stem.match(/[^tcsgx]i[aou]/g)?.length ?? 0;
  const silentE = /[^aeiouy]e$/.test(stem) && !/[^aeiouy]le$/.test(stem);
  const silentEd = /[^aeioudt]ed$/.test(stem);
  const silentEs = /[^aeiouszxcgh]es$/.test(stem);
  if (silentE || silentEd || silentEs) count -= 1;
  return Math.max(1, count);
}

// Strong vowels always start a new syllable after another strong one; an accented i/u breaks a diphthong.
const strong = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú']);
const vowel = new Set([...strong, 'i', 'u', 'ü']);

/**
 * Spanish syllables: one per vowel nucleus, where a weak vowel (i, u) next
 * to another vowel joins it (diphthong, triphthong) unless it bears an accent
 * (hiatus), and two strong vowels are split. The "u" of que/qui/gue/gui is silent.
 * @example spanishSyllables('familia') // 3 (fa-mi-lia)
 */
export function spanishSyllables(raw: string): number {
  const word = raw
    .toLowerCase()
    .replace(/[^a-záéíóúüñ]/g, '')
    .replace(/([qg])u(?=[eiéí])/g, '$1');
  let count = 0;
  let previous = '';
  for (const letter of word) {
    if (!vowel.has(letter)) {
      previous = '';
      continue;
    }
    if (!previous || (strong.has(previous) && strong.has(letter))) count += 1;
    previous = letter;
  }
  return Math.max(1, count);
}

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export function countText(text: string, language: Locale): TextCounts {
  const words = wordsOf(text);
  const syllablesOf = language === 'es' ? spanishSyllables : englishSyllables;
  return {
    words: words.length,
    sentences: Math.max(1, sentencesOf(text).length),
    syllables: words.reduce((sum, w) => sum + syllablesOf(w), 0),
  };
}

/** Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. */
export function fleschKincaidGrade(counts: TextCounts): number {
  if (counts.words === 0) return 0;
  return 0.39 * (counts.words / counts.sentences) + 11.8 * (counts.syllables / counts.words) - 15.59;
}

/**
 * Fernández-Huerta ease (0–100, higher is easier), in the corrected form
 * 206.84 − 60 × syllables per word − 1.02 × words per sentence.
 */
export function fernandezHuertaEase(counts: TextCounts): number {
  if (counts.words === 0) return 100;
  return 206.84 - 60 * (counts.syllables / counts.words) - 1.02 * (counts.words / counts.sentences);
}

/**
 * The school grade Fernández-Huerta's own table gives an ease score:
 * 90+ 4th · 80–90 5th · 70–80 6th · 60–70 7th–8th (split at 65) · 50–60 some
 * secondary (10th) · 30–50 pre-university (12th) · below 30 university (16).
 */
export function fernandezHuertaGrade(ease: number): number {
  const table: Array<[number, number]> = [
    [90, 4],
    [80, 5],
    [70, 6],
    [65, 7],
    [60, 8],
    [50, 10],
    [30, 12],
  ];
  return table.find(([from]) => ease >= from)?.[1] ?? 16;
}

export interface Readability extends TextCounts {
  language: Locale;
  formula: 'flesch-kincaid' | 'fernandez-huerta';
  /** The formula's own figure: a grade (English) or an ease score 0–100 (Spanish). */
  score: number;
  /** A US school grade either way, so editors compare both languages against one target. */
  grade: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * How hard a text is to read, by the formula of its language.
 * @example readability('The cat sat on the mat.', 'en').grade // -1.4
 */
export function readability(text: string, language: Locale): Readability {
  const counts = countText(text, language);
  if (language === 'es') {
    const ease = fernandezHuertaEase(counts);
    return {
      ...counts,
      language,
      formula: 'fernandez-huerta',
      score: round1(ease),
      grade: fernandezHuertaGrade(ease),
    };
  }
  const grade = round1(fleschKincaidGrade(counts));
  return { ...counts, language, formula: 'flesch-kincaid', score: grade, grade };
}

/** The grade the library aims for, and the most a shipped topic may score. */
export const TARGET_GRADE = 6;
export const MAX_GRADE = 8;
