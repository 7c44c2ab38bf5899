/**
 * The SQL that finds one page of search results without ranking every match.
 *
 * An entry's relevance is ts_rank over a document without positions or weights,
 * so it only counts how many of the query's lexemes the entry holds: matches
 * fall into a few levels (all lexemes, one fewer, ... one). Within a level,
 * results go by id, or nearest first when a point is given. So the first
 * `depth` results of every level, taken from the indexes, always hold the page.
 */

/** Candidates near a point are looked for this close first (km). */
export const RING_KM = 10;
/** Counting stops here, or just past the page asked for: beyond, a CHW needs better words, not a number. */
export const TOTAL_CAP = 100;
/** How far a level's walk in id order goes, per result the page needs. */
const WALK_PER_RESULT = 100;
/** Pages deeper than this rank every match: the levels would cost as much. */
export const LEVELS_DEPTH = 100;

export interface PageQuery {
  /** Conditions every result meets: the organization and the filters. */
  where: string[];
  /** The words' condition; absent when searching by filters alone. */
  match: string | undefined;
  /** How well an entry answers the words, before distance. */
  relevance: string;
  /** Kilometres to the point, when one is given. */
  km: string | undefined;
  /** Per level, best first, the condition of holding exactly that many lexemes. Absent: rank every match. */
  levels: string[] | undefined;
  /** Conditions for "within RING_KM of the point" (a box, then the distance). */
  ring: string[] | undefined;
  /** Placeholders: page size, page start, the counting cap, the stale date. */
  limit: string;
  offset: string;
  cap: string;
  staleBefore: string;
  /** How many results of each level can make the page: offset + limit, a whole number. */
  depth: number;
}

const ORDER = 'score desc, km asc nulls last, id';

/**
 * The candidate entries, `cand(id, score, km)`, and `counted(n)`, the matches
 * counted up to the cap, as common table expressions.
 */
function candidates(q: PageQuery, score: string, km: string): string {
  const all = [...q.where, ...(q.match ? [q.match] : [])].join(' and ');
  const depth = Math.trunc(q.depth);
  const scored = (where: string) =>
    `select e.id, ${score} as score, ${km} as km from directory_entry e where ${where}`;
  // Near a point without a ring to look in first: rank every match.
  if (!q.levels || (q.km && !q.ring)) {
    return `cand as materialized (${scored(all)}),
      counted as (select count(*)::int as n from (select from cand limit ${q.cap}) m)`;
  }
  const conditions = q.levels;
  const counted = `counted as (select count(*)::int as n from (select from directory_entry e where ${all} limit ${q.cap}) m)`;
  // Each branch below is a materialized CTE read behind its condition (a One-Time Filter):
  // one not needed is never started, not even the parallel workers its plan may ask for.
  if (!q.ring) {
    // No distance: a level's results go by id. Fewer matches than the cap are all ranked
    // at once. A dense level has its first results among the first entries by id: walk
    // only that far (planner estimates can send an unbounded walk through the whole
    // table), and sort the level's matches when the walk comes back short.
    const many = `(select n from counted) >= ${q.cap}`;
    const firsts = conditions.flatMap((c, i) => {
      const where = [...q.where, c].join(' and ');
      return [
        `walk${i} as materialized (select e.id from (select * from directory_entry e where e.org_id = $1
          order by e.id limit ${WALK_PER_RESULT * depth}) e where ${where} order by e.id limit ${depth})`,
        // Sorting by an expression, not the key: the index order is what the walk tried.
        `sorted${i} as materialized (select e.id from directory_entry e where ${where}
          order by e.id || '' limit ${depth})`,
      ];
    });
    const ids = [
      `select e.id from directory_entry e where ${all} and not ${many}`,
      ...conditions.flatMap((_, i) => [
        `select id from walk${i} where ${many}`,
        `select id from sorted${i} where ${many} and (select count(*) from walk${i}) < ${depth}`,
      ]),
    ];
    return `${[counted, ...firsts].join(',\n')},
      cand as (${scored(`e.org_id = $1 and e.id in (${ids.join(' union all ')})`)})`;
  }
  // Within the ring an entry's distance divides its relevance by at most (1 + RING_KM / 10),
  // beyond it by more: so `depth` results within the ring at a level or a better one rank
  // above every entry of that level further away. Only the levels without look further, each
  // on its own. Counting the level alone, as before, sent "despensa" near Fresno to look far
  // for entries holding exactly one of c_food_pantry, c_groceries and need_food: there are
  // none (a pantry holds all three), and proving it meant reading every entry at 100,000
  // services, as the planner expected a fifth of them (p95 114 ms).
  const level = `case ${conditions.map((c, i) => `when ${c} then ${conditions.length - i}`).join(' ')} end`;
  const near = `near as materialized (select e.id, ${score} as score, ${km} as km, ${level} as level
      from directory_entry e where ${[all, ...q.ring].join(' and ')})`;
  const far = conditions.map(
    (c, i) =>
      `far${i} as materialized (${scored([...q.where, c].join(' and '))} order by ${ORDER} limit ${depth})`,
  );
  const farther = conditions.map(
    (_, i) =>
      `union select * from far${i} where (select count(*) from near where level >= ${conditions.length - i}) < ${depth}`,
  );
  // The ring alone often holds enough matches to stop counting.
  const countedNear = `counted as (select case when (select count(*) from near) >= ${q.cap} then ${q.cap}::int
      else (select count(*)::int from (select from directory_entry e where ${all} limit ${q.cap}) m) end as n)`;
  return `${[near, countedNear, ...far].join(',\n')},
    cand as (select id, score, km from near ${farther.join(' ')})`;
}

/**
 * One page of results, best first, each with its card, open flags and whether
 * it is stale, and the number of matches counted up to the cap.
 */
export function pageSql(q: PageQuery): string {
  const km = q.km ?? 'null::float8';
  // Twice as far away counts about as much as a weaker word match.
  const score = q.km ? `${q.relevance} / (1 + coalesce(${km}, 1000) / 10)` : q.relevance;
  return `with ${candidates(q, score, km)},
     top as (select id, score, km from cand order by ${ORDER} limit ${q.limit} offset ${q.offset})
     select e.id, e.service_id, e.location_id, d.card, e.categories, e.last_verified_at, top.km,
            coalesce(e.last_verified_at < ${q.staleBefore}::timestamptz, true) as stale,
            (select count(*)::int from directory_flag f
              where f.org_id = $1 and f.resolved_at is null and f.service_id = e.service_id) as open_flags,
            (select n from counted) as total
       from top join directory_entry e on e.org_id = $1 and e.id = top.id
       join directory_card d on d.org_id = $1 and d.id = top.id
      order by top.score desc, top.km asc nulls last, top.id`;
}
