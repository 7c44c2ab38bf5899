import { z } from 'zod';

/**
 * Limits every input shares, phone and server alike, so bad input is refused
 * with a 4xx instead of reaching the database (which cannot store a NUL in
 * text, and gives up on deep nesting) and failing there.
 */
export const inputLimits = {
  /** Objects and arrays inside one another: far more than any real request. */
  maxDepth: 32,
  /** Dates people enter: a birth in 1900 to a plan a century ahead; year 0001 is a typo. */
  earliestDate: '1900-01-01',
  latestDate: '2199-12-31',
} as const;

/** Whether text holds a NUL character (no PostgreSQL text can). */
export const hasNul = (text: string) => text.includes('\u0000');

/**
 * What is wrong with a JSON value as input, or undefined: a NUL character in
 * any string or key, or nesting deeper than `maxDepth`. Walks without
 * recursion, so a hostile depth cannot overflow the stack.
 */
export function inputProblem(
  value: unknown,
  maxDepth: number = inputLimits.maxDepth,
): 'nul' | 'depth' | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item;
    if (typeof v === 'string') {
      if (hasNul(v)) return 'nul';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return 'depth';
      for (const [key, inner] of Object.entries(v)) {
        if (hasNul(key)) return 'nul';
        stack.push([inner, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Schemes a link people tap may have: web pages, calls, emails. Never `javascript:` or `data:`. */
const safeSchemes = new Set(['http:', 'https:', 'tel:', 'mailto:']);

/** Whether `text` is a link Puente may show: an absolute http(s), tel or mailto URL. */
export function isSafeUrl(text: string): boolean {
  try {
    return safeSchemes.has(new URL(text.trim()).protocol);
  } catch {
    return false;
  }
}

/** A link entered by people (a service's website): http(s), tel or mailto only. */
export const SafeUrl = z.string().trim().max(2000).refine(isSafeUrl, 'fields.url');
