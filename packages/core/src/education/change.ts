import { ordinalOf } from '../instruments/extensions.js';
import { allItems, type Questionnaire } from '../instruments/fhir.js';
import { readScoringRule } from '../instruments/rule.js';
import type { CheckChange } from './outreach.js';

/**
 * The highest total a summed questionnaire can give: the best answer of each
 * summed item. Undefined for a form that is not scored by a sum.
 */
export function maxSumScore(questionnaire: Questionnaire): number | undefined {
  const { rule } = readScoringRule(questionnaire);
  if (rule?.method !== 'sum') return undefined;
  const summed = new Set(rule.sumOf);
  return allItems(questionnaire.item)
    .filter((item) => summed.has(item.linkId))
    .reduce((total, item) => {
      const points = (item.answerOption ?? []).map((o) => ordinalOf(o.extension) ?? 0);
      return total + Math.max(0, ...points);
    }, 0);
}

/** One attendee's totals, paired by the session code their phone kept. */
export interface CheckTotals {
  pre?: number | undefined;
  post?: number | undefined;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const share = (n: number, of: number) => (of > 0 ? n / of : null);

/**
 * Before and after, as a group: the mean of every pre and every post answer
 * (as a share of the maximum, so forms of any length compare), and among the
 * attendees who answered both, how many scored higher, the same or lower.
 * @example checkChange([{ pre: 4, post: 8 }, { pre: 6 }], 10) // meanBefore 0.5, meanAfter 0.8, improved 1 of 1
 */
export function checkChange(sessions: readonly CheckTotals[], maxScore: number): CheckChange {
  const pre = sessions.flatMap((s) => (s.pre === undefined ? [] : [s.pre]));
  const post = sessions.flatMap((s) => (s.post === undefined ? [] : [s.post]));
  const pairs = sessions.flatMap((s) =>
    s.pre !== undefined && s.post !== undefined ? [s.post - s.pre] : [],
  );
  const scale = (m: number | null) => (m === null || maxScore <= 0 ? null : m / maxScore);
  const improved = pairs.filter((d) => d > 0).length;
  return {
    preCount: pre.length,
    postCount: post.length,
    pairedCount: pairs.length,
    meanBefore: scale(mean(pre)),
    meanAfter: scale(mean(post)),
    maxScore,
    improvedShare: share(improved, pairs.length),
    improved,
    same: pairs.filter((d) => d === 0).length,
    worse: pairs.filter((d) => d < 0).length,
  };
}

// No 0/O or 1/I/L: the code is read off a screen and typed on another phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A random code of `length` characters from an alphabet that reads aloud well.
 * @param random bytes from a secure source (crypto.getRandomValues / randomBytes)
 */
export function readableCode(random: Uint8Array): string {
  return [...random].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** A session code or event code as typed: upper case, spaces and dashes dropped. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export const SESSION_CODE = /^[A-HJKMNP-Z2-9]{6}$/;
export const EVENT_CODE = /^[A-HJKMNP-Z2-9]{6}$/;
