import { levelTsqueries, queryTerms, type Synonym, termLexemes, toTsquery } from '@puente/core';

/**
 * How well a directory entry (`e`, a row of directory_entry) answers a CHW's words: the one
 * ranking the CHW search and the HSDS API's `?search=` share, so a listing ranks the same
 * wherever it is looked for.
 */
export interface Words {
  /** The condition of answering the words at all. */
  match: string;
  /** How well, higher first. */
  relevance: string;
  /** Per level, best first, the condition of holding exactly that many lexemes; absent past MAX_LEVELS. */
  levels: ((p: (v: unknown) => string) => string[]) | undefined;
}

/** The ways to rank entries for some words, tried in order. */
export interface Ranking {
  /** Stems and needs, by how many of the query's lexemes the entry holds. */
  words: (p: (v: unknown) => string) => Words;
  /**
   * Misspelt names ("esperansa") match no stem: only when `words` found nothing, compare letters
   * with the names (which costs more). Absent for queries too short to compare.
   */
  letters: ((p: (v: unknown) => string) => Words) | undefined;
}

// Ranking level by level writes one branch per level: past this many lexemes, rank every match.
const MAX_LEVELS = 6;

/**
 * The ranking of entries for `text`, with the program's own synonyms, or undefined when it
 * holds no word to search by.
 */
export function rankingOf(text: string, synonyms: readonly Synonym[] = []): Ranking | undefined {
  const terms = queryTerms(text, synonyms);
  const tsquery = toTsquery(terms);
  if (!tsquery) return undefined;
  const lexemes = termLexemes(terms);
  return {
    words: (p) => {
      const q = p(tsquery);
      return {
        match: `e.document @@ ${q}::tsquery`,
        relevance: `ts_rank(e.document, ${q}::tsquery)`,
        levels:
          lexemes.length <= MAX_LEVELS
            ? (bind) => levelTsqueries(lexemes).map((l) => `e.document @@ ${bind(l)}::tsquery`)
            : undefined,
      };
    },
    letters:
      terms.folded.length >= 3
        ? (p) => {
            const folded = p(terms.folded);
            return {
              match: `${folded} <% e.name_folded`,
              relevance: `word_similarity(${folded}, e.name_folded)`,
              levels: undefined,
            };
          }
        : undefined,
  };
}
