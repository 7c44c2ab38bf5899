/** Counts below this are hidden in reports unless the program sets another (never below `minimumSmallCount`). */
export const defaultSmallCount = 11;
export const minimumSmallCount = 5;

/** The program's threshold, clamped so no setting can publish a count under five. */
export const smallCountThreshold = (setting?: number | null): number =>
  Math.max(minimumSmallCount, Math.floor(setting ?? defaultSmallCount));

/** Cells whose sum is published as `total` (a row of a breakdown, a column, a chart's bars). */
export interface CountGroup {
  total?: string;
  parts: readonly string[];
}

/**
 * Which counts a report must hide so that no figure, nor any difference of
 * figures, reveals fewer than `threshold` people. First every count from 1 to
 * threshold − 1 is hidden (primary suppression); then, wherever a published
 * total has exactly one hidden part, the smallest other part is hidden too
 * (complementary suppression), until nothing changes. Zero is shown: it says
 * nobody, and hides no one.
 * @example suppressedCells({ a: 3, b: 40, c: 20, all: 63 }, [{ total: 'all', parts: ['a', 'b', 'c'] }], 11)
 * // → Set { 'a', 'c' }
 */
export function suppressedCells(
  counts: Readonly<Record<string, number>>,
  groups: readonly CountGroup[],
  threshold: number,
): Set<string> {
  const hidden = new Set<string>();
  for (const [key, n] of Object.entries(counts)) if (n > 0 && n < threshold) hidden.add(key);
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      // A hidden total constrains nothing; a total nobody publishes neither.
      if (group.total !== undefined && hidden.has(group.total)) continue;
      const parts = group.parts.filter((p) => p in counts);
      const hiddenParts = parts.filter((p) => hidden.has(p));
      if (hiddenParts.length !== 1) continue;
      const others = parts
        .filter((p) => !hidden.has(p))
        .sort((a, b) => rank(counts[a] ?? 0) - rank(counts[b] ?? 0) || a.localeCompare(b));
      const next = others[0];
      if (next === undefined) {
        // The only other way to learn the hidden part is the total itself.
        if (group.total !== undefined && !hidden.has(group.total)) {
          hidden.add(group.total);
          changed = true;
        }
        continue;
      }
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}

// Prefer hiding a non-zero cell: a hidden zero beside a hidden count narrows what the count can be.
const rank = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);
