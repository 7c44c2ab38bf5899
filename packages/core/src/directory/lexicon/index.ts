import type { needs } from '../need-words.js';
import { stem, words } from '../text.js';
import { behavioralHealth } from './behavioral-health.js';
import { care } from './care.js';
import { clinic } from './clinic.js';
import { education } from './education.js';
import { emergency } from './emergency.js';
import { food } from './food.js';
import { goods } from './goods.js';
import { housing } from './housing.js';
import { legal } from './legal.js';
import { money } from './money.js';
import { transit } from './transit.js';
import { utilities } from './utilities.js';
import { work } from './work.js';

type Need = keyof typeof needs;

/**
 * The human-services lexicon: our own list of English and Spanish words and phrases for
 * services, places, programmes, documents, conditions and life events, by need. Each line
 * of a need's text is one concept, `english, … = español, …`; a Spanish term marked `@mx`,
 * `@cb` or `@ca` is said mostly in Mexico, the Caribbean or Central America. Words are
 * written folded (no accents): they are folded and stemmed again on loading, as queries are.
 *
 * Kept as text, not objects: the phone carries it, and text packs smaller.
 */
const sources: Record<Need, string> = {
  food,
  housing,
  utilities,
  work,
  clinic,
  'behavioral-health': behavioralHealth,
  legal,
  transit,
  money,
  goods,
  education,
  care,
  emergency,
};

export type Region = 'mx' | 'cb' | 'ca';

export interface Concept {
  /** The token entries and queries share for it: `c_` and its first English term. */
  token: string;
  need: Need;
  /** The section of its need it is written under (services, places, conditions …). */
  kind: string;
  en: readonly string[];
  es: readonly string[];
  /** Spanish terms said mostly in one region. */
  regions: Readonly<Record<string, Region>>;
}

/** A program's own word: `term` means what `means` says (e.g. "la pulga" means "flea market"). */
export interface Synonym {
  term: string;
  means: string;
}

function parse(): Concept[] {
  const found: Concept[] = [];
  const tokens = new Set<string>();
  for (const [need, text] of Object.entries(sources) as [Need, string][]) {
    let kind = 'services';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('##')) kind = line.slice(2).trim();
      if (!line.includes('=') || line.startsWith('#')) continue;
      const [enSide = '', esSide = ''] = line.split('=');
      const regions: Record<string, Region> = {};
      const list = (side: string) =>
        side
          .split(',')
          .map((t) => {
            const [term = '', region] = t.trim().split('@');
            if (region) regions[term] = region as Region;
            return term;
          })
          .filter((t) => words(t).length > 0);
      const en = list(enSide);
      const es = list(esSide);
      const first = en[0] ?? es[0];
      if (!first) continue;
      let token = `c_${words(first).join('_')}`;
      if (tokens.has(token)) token = `${token}_${need.replace('-', '_')}`;
      tokens.add(token);
      found.push({ token, need, kind, en, es, regions });
    }
  }
  return found;
}

/** Every concept of the lexicon, in the order written. */
export const concepts: readonly Concept[] = parse();

/** Where a phrase of stems was found in a run of stems, and the concepts it names. */
export interface PhraseFound {
  at: number;
  length: number;
  concepts: readonly Concept[];
}

/** The lexicon indexed for matching: single stems and phrases of stems. */
interface Index {
  byStem: Map<string, Concept[]>;
  /** By the phrase's first stem; each phrase longest first. */
  phrases: Map<string, { stems: string[]; concepts: Concept[] }[]>;
  /** Stems by length, for typo-tolerant matching. */
  stemsByLength: Map<number, string[]>;
}

function indexOf(list: readonly Concept[]): Index {
  const byStem = new Map<string, Concept[]>();
  const phraseMap = new Map<string, { stems: string[]; concepts: Concept[] }>();
  for (const c of list) {
    for (const term of [...c.en, ...c.es]) {
      const stems = words(term).map(stem);
      const key = stems.join(' ');
      const bucket = stems.length === 1 ? byStem.get(key) : phraseMap.get(key)?.concepts;
      if (bucket?.includes(c)) continue;
      if (stems.length === 1) byStem.set(key, [...(bucket ?? []), c]);
      else phraseMap.set(key, { stems, concepts: [...(bucket ?? []), c] });
    }
  }
  const phrases = new Map<string, { stems: string[]; concepts: Concept[] }[]>();
  for (const p of phraseMap.values()) {
    const first = p.stems[0] ?? '';
    phrases.set(
      first,
      [...(phrases.get(first) ?? []), p].sort((a, b) => b.stems.length - a.stems.length),
    );
  }
  const stemsByLength = new Map<number, string[]>();
  for (const s of byStem.keys()) stemsByLength.set(s.length, [...(stemsByLength.get(s.length) ?? []), s]);
  return { byStem, phrases, stemsByLength };
}

const index = indexOf(concepts);

/**
 * Edit distance counting a swap of two neighbouring letters as one edit, as thumbs
 * on a phone make them ("comdia", "dentsit"); stops early past `max`.
 */
export function typoDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/**
 * The concepts one stem names. With `tolerateTypos`, a stem the lexicon does not hold
 * takes the nearest stems it does: one typo in words up to seven letters, two in longer
 * ones, the first letter right (people rarely miss it, and without it "winter" would be
 * "water"); words under three letters are taken as typed.
 */
export function conceptsOfStem(s: string, tolerateTypos = true): readonly Concept[] {
  const exact = index.byStem.get(s);
  if (exact) return exact;
  if (!tolerateTypos || s.length < 3) return [];
  const allowed = s.length >= 8 ? 2 : 1;
  let best = allowed + 1;
  let found: Concept[] = [];
  for (let length = s.length - allowed; length <= s.length + allowed; length++) {
    for (const candidate of index.stemsByLength.get(length) ?? []) {
      if (candidate[0] !== s[0]) continue;
      const d = typoDistance(candidate, s, allowed);
      if (d > allowed || d > best) continue;
      const named = index.byStem.get(candidate) ?? [];
      if (d < best) found = [...named];
      else for (const c of named) if (!found.includes(c)) found.push(c);
      best = d;
    }
  }
  return found;
}

/** The lexicon's phrases in a run of stems, longest first where they overlap at a start. */
export function conceptPhrasesIn(stems: readonly string[]): PhraseFound[] {
  const found: PhraseFound[] = [];
  stems.forEach((s, at) => {
    for (const p of index.phrases.get(s) ?? []) {
      if (p.stems.every((x, j) => stems[at + j] === x))
        found.push({ at, length: p.stems.length, concepts: p.concepts });
    }
  });
  return found;
}

/**
 * The concepts a text names in its own words (a service's name, terms or description):
 * every phrase and every word the lexicon holds, without guessing at typos.
 */
export function conceptsOfText(text: string): Concept[] {
  const stems = words(text).map(stem);
  const found = new Set<Concept>(conceptPhrasesIn(stems).flatMap((p) => p.concepts));
  for (const s of stems) for (const c of conceptsOfStem(s, false)) found.add(c);
  return [...found];
}

/** A program's synonyms as stems, longest first: matched before the lexicon's phrases. */
export function synonymStems(synonyms: readonly Synonym[]): { stems: string[]; means: string }[] {
  return synonyms
    .map((s) => ({ stems: words(s.term).map(stem), means: s.means }))
    .filter((s) => s.stems.length > 0)
    .sort((a, b) => b.stems.length - a.stems.length);
}
