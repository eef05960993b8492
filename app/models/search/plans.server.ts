/**
 * How a search reads its matches, chosen from the words' real frequencies
 * (docs/decisions/051-search-plans-from-word-frequencies.md), not from the planner's guess:
 *
 * - **Gathered**: the full-text indexes find every match (a quoted phrase through its word pairs,
 *   `phrase_pairs`); they are counted and ordered in memory, and the page cut from them, in one
 *   statement. For words and phrases that few rows hold, whatever their words' frequency alone.
 * - **Counted from the index**: a bitmap of the rows holding the words (a phrase's pairs), read
 *   until MAX_MATCHES + 1 match; for a phrase, or a word not in most rows. The page is walked.
 * - **Walked**: the date index is read from the most recent, each row checked, stopping at
 *   MAX_MATCHES + 1 matches for the count and at the page for the results. For words that many
 *   rows hold, where it stops soon. The walk for the count gives up after WALK_ROWS rows (the
 *   filters keep rows the words are rare in): the count is then read from the index.
 * - A search with MAX_MATCHES matches or fewer after the filters is gathered.
 *
 * Which to try first comes from PostgreSQL's own statistics of the index's vectors (`pg_stats`,
 * kept by ANALYZE): a word's or a pair's share of the rows. A query's matches are at most its
 * rarest required term's rows (matchBound, query-tree.ts). Without statistics (a database never
 * analysed, as the embedded one) every search is gathered: it is always right, and fast while the
 * archive is small. Both ways give the same answer (tests/integration/search-plans.test.ts).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "../../rules/viewer.server";
import { entryConditions, entryKind, entryRecordId, entryTable, MATCH_SELECT, pairsVector, rowsOf, searchVector, sortAt, titleVector, type MatchRow } from "./matches.server";
import { textArrayLiteral, type Bound } from "./query-tree";
import type { SearchOptions } from "./search.server";

type Executor = { execute: (query: SQL) => Promise<unknown> };

/** The most matches a search counts and pages through ("more than 1,000 results"). */
export const MAX_MATCHES = 1000;

/** A gathered search stops at this many rows: past it the search is walked instead. */
export const GATHER_LIMIT = 50_000;
/**
 * How many rows holding the words a search may gather without walking first. Past it, counting
 * from the index and walking the page is cheaper: gathering reads every row (about 2 µs each);
 * the count reads the index's bitmap (0.25 µs a row) and 1,001 rows, and the page's walk reads
 * 20 rows for every row in which one matches (10 to 20 µs each). They cross at about 12,000 rows.
 * A row of a phrase or an exclusion counts RECHECK_WEIGHT times: the full-text index cannot tell
 * it alone, so the row's whole vector is read again (most are stored apart, TOAST, and compressed).
 */
const GATHER_BUDGET = 12_000;
const RECHECK_WEIGHT = 3;
/**
 * Below this many rows holding the words, the count is read from the full-text index (a bitmap of
 * them, then rows until MAX_MATCHES + 1 match); above, walked from the date index, where the
 * matches come often. Measured on the full synthetic archive (ADR 051): a word in 75,000 rows
 * counts in about 25 ms from the index and 150 ms walked; one in 540,000, 140 ms and 25 ms.
 */
const INDEX_COUNT_BELOW = 150_000;
/** The most rows the walk for the count reads before the count is read from the index instead. */
export const WALK_ROWS = 12_000;
/** The most rows the walk for the title matches reads before they are gathered from the title index. */
export const TITLE_WALK_ROWS = 8_000;

/** Forces how the matches are read: tests compare every way. */
export type PlanChoice = "gathered" | "walked" | "walked, titles gathered";

export interface Frequencies {
  /** Rows in the index, as the statistics last counted them. */
  rows: number;
  /** Estimated rows holding each term, by column ("search", "title", "pairs") and term. */
  estimate: (column: "search" | "title" | "pairs", term: string) => number;
}

/** The statistics of the index's three vectors for these terms; null where the index has never been analysed. */
export async function termFrequencies(ex: Executor, bound: Bound): Promise<Frequencies | null> {
  const terms = [...new Set(bound.flat().map((t) => t.v))];
  const result = rowsOf<{ col: string; rows: number; floor: number | null; found: Record<string, number> | null }>(
    await ex.execute(sql`
      select s.attname as col, c.reltuples::float8 as rows,
        s.most_common_elem_freqs[array_length(s.most_common_elems::text::text[], 1) + 1]::float8 as floor,
        (select json_object_agg(u.e, u.f) from unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(e, f)
          where u.e = any(${textArrayLiteral(terms)}::text[])) as found
      from pg_stats s join pg_class c on c.oid = 'search_entries'::regclass
      where s.schemaname = current_schema() and s.tablename = 'search_entries'
        and s.attname in ('search', 'title_vector', 'phrase_pairs') and s.most_common_elems is not null`),
  );
  const byColumn = new Map(result.map((r) => [r.col, r]));
  const rows = Number(result[0]?.rows ?? 0);
  if (!byColumn.has("search") || rows <= 0) return null;
  const names = { search: "search", title: "title_vector", pairs: "phrase_pairs" } as const;
  return {
    rows,
    estimate: (column, term) => {
      const stats = byColumn.get(names[column]);
      // A column without statistics bounds nothing; a term missing from them is rarer than the rarest listed.
      if (!stats) return rows;
      const f = stats.found?.[term] ?? stats.floor ?? 0;
      return Math.max(1, Math.round(Number(f) * rows));
    },
  };
}

/** At most how many rows match: each group's rarest term, summed over the groups (an OR). */
export function boundRows(bound: Bound, f: Frequencies, column: "search" | "title"): number {
  let total = 0;
  for (const group of bound) {
    const terms = column === "title" ? group.filter((t) => t.column === "search") : group;
    total += terms.length === 0 ? f.rows : Math.min(...terms.map((t) => f.estimate(t.column === "pairs" ? "pairs" : column, t.v)));
  }
  return Math.min(total, f.rows);
}

/** Whether to gather from the start: few enough rows hold the words (`estimate`, from the statistics). */
export function shouldGather(estimate: number, recheck: boolean): boolean {
  return estimate * (recheck ? RECHECK_WEIGHT : 1) <= GATHER_BUDGET;
}

/** Whether to count from the full-text index rather than walk: a phrase (its pairs are few), or a word not in most rows. */
export function countFromIndex(estimate: number, phrase: boolean): boolean {
  return phrase || estimate <= INDEX_COUNT_BELOW;
}

/**
 * What a gathered search asks of a row. A phrase is looked up by its pairs alone (their index),
 * and its words' positions checked after the filters, on the few rows left (`coalesce` keeps the
 * full-text index of the words out of it).
 */
function gatherConditions(viewer: Viewer, tsq: SQL, pairs: SQL | null, o: SearchOptions): SQL[] {
  const filters = entryConditions(viewer, o);
  return pairs ? [sql`${pairsVector} @@ ${pairs}`, ...filters, sql`coalesce(${searchVector} @@ ${tsq}, false)`] : [sql`${searchVector} @@ ${tsq}`, ...filters];
}

/** How many rows match, up to MAX_MATCHES + 1, read from the full-text index (`countFromIndex`). */
export async function indexedCount(ex: Executor, viewer: Viewer, tsq: SQL, pairs: SQL | null, o: SearchOptions): Promise<number> {
  await gathering(ex);
  const [row] = rowsOf<{ n: number }>(
    await ex.execute(sql`select count(*)::int as n from (select 1 from ${entryTable} ${whereAll(gatherConditions(viewer, tsq, pairs, o))} limit ${MAX_MATCHES + 1}) as m`),
  );
  return Number(row?.n ?? 0);
}

/** Walks read the date index (and the kind's and the body's), never a full-text index. */
async function walking(ex: Executor) {
  await ex.execute(sql.raw("set local enable_bitmapscan = off"));
  await ex.execute(sql.raw("set local enable_indexscan = on"));
}

/** Gathering reads the full-text indexes (bitmaps), never walks the date index. */
async function gathering(ex: Executor) {
  await ex.execute(sql.raw("set local enable_bitmapscan = on"));
  await ex.execute(sql.raw("set local enable_indexscan = off"));
}

const whereAll = (conditions: SQL[]) => (conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``);
const WALK_ORDER = sql`${sortAt} desc nulls last, ${entryKind}, ${entryRecordId}`;

export interface Found {
  /** Matches counted, up to MAX_MATCHES + 1. */
  counted: number;
  rows: MatchRow[];
}

/**
 * Every match from the full-text indexes (at most GATHER_LIMIT), counted and ordered in memory
 * and cut to the page, in one statement; the page's rows are then read whole. Null where there
 * were more than GATHER_LIMIT.
 */
export async function gathered(ex: Executor, viewer: Viewer, tsq: SQL, pairs: SQL | null, o: SearchOptions, offset: number, limit: number): Promise<Found | null> {
  const where = whereAll(gatherConditions(viewer, tsq, pairs, o));
  await gathering(ex);
  // Up to GATHER_LIMIT rows sorted in memory, not on disk.
  await ex.execute(sql.raw("set local work_mem = '32MB'"));
  // By relevance, title matches first; then the most recent.
  const order = sql.raw(`${o.sort === "date" ? "" : "pg.titled desc, "}pg.sort_at desc nulls last, pg.kind, pg.record_id`);
  const result = rowsOf<MatchRow & { counted: number }>(
    await ex.execute(sql`
      with m as materialized (
        select ${entryKind} as kind, ${entryRecordId} as record_id, ${entryTable.fullContent} as full_content, ${sortAt} as sort_at,
          ${titleVector} @@ ${tsq} as titled
        from ${entryTable} ${where} limit ${GATHER_LIMIT + 1}
      )
      select (select count(*) from m)::int as counted, p.* from (select 1) as one left join lateral (
        select ${MATCH_SELECT} from (select * from m as pg order by ${order} limit ${limit} offset ${offset}) as pg
        join ${entryTable} on ${entryKind} = pg.kind and ${entryRecordId} = pg.record_id and ${entryTable.fullContent} = pg.full_content
        order by ${order}
      ) as p on true`),
  );
  const counted = Number(result[0]?.counted ?? 0);
  if (counted > GATHER_LIMIT) return null;
  return { counted, rows: result.filter((r) => r.kind !== null) };
}

/**
 * How many rows match, up to MAX_MATCHES + 1, walking the date index. With `rows`, it reads at
 * most that many rows: `cut` says it stopped there before counting MAX_MATCHES + 1 (the count
 * is then unknown).
 */
export async function walkedCount(ex: Executor, viewer: Viewer, tsq: SQL, o: SearchOptions, rows: number | null): Promise<{ counted: number; cut: boolean }> {
  const filters = entryConditions(viewer, o);
  await walking(ex);
  if (rows === null) {
    const [row] = rowsOf<{ n: number }>(
      await ex.execute(sql`select count(*)::int as n from (select 1 from ${entryTable} ${whereAll([sql`${searchVector} @@ ${tsq}`, ...filters])}
        order by ${sortAt} desc nulls last limit ${MAX_MATCHES + 1}) as m`),
    );
    return { counted: Number(row?.n ?? 0), cut: false };
  }
  // The walk stops at MAX_MATCHES + 1 matches, or at the row numbered `rows` (kept as a mark that it was reached).
  const [row] = rowsOf<{ n: number; cut: boolean | null }>(
    await ex.execute(sql`select (count(*) filter (where w.hit))::int as n, bool_or(w.rn = ${rows}) as cut from (
        select x.hit, x.rn from (
          select ${searchVector} @@ ${tsq} as hit, row_number() over (order by ${sortAt} desc nulls last) as rn
          from ${entryTable} ${whereAll(filters)} order by ${sortAt} desc nulls last limit ${rows}
        ) as x where x.hit or x.rn = ${rows} limit ${MAX_MATCHES + 2}
      ) as w`),
  );
  const counted = Number(row?.n ?? 0);
  return { counted, cut: counted <= MAX_MATCHES && !!row?.cut };
}

/**
 * The matches in order, from `offset`, at most `limit`, walking the date index (ADR 047): by
 * relevance, those whose title (weight A) matches first, then those matching in the body only;
 * within each, the most recent first. By date: the most recent first. The title matches are
 * walked to through at most `titleRows` rows, then gathered from the title index.
 */
export async function walked(ex: Executor, viewer: Viewer, tsq: SQL, o: SearchOptions, negated: boolean, offset: number, limit: number, titleRows = TITLE_WALK_ROWS): Promise<MatchRow[]> {
  const filters = entryConditions(viewer, o);
  const matching = [sql`${searchVector} @@ ${tsq}`, ...filters];
  const run = async (conditions: SQL[], off: number, lim: number) =>
    lim <= 0
      ? []
      : rowsOf<MatchRow>(await ex.execute(sql`select ${MATCH_SELECT} from ${entryTable} ${whereAll(conditions)} order by ${WALK_ORDER} limit ${lim} offset ${off}`));
  await walking(ex);
  if (o.sort === "date") return run(matching, offset, limit);
  // The title's words are the whole vector's too, so a title that matches a query without
  // exclusions matches it all; with "-word" the body must be checked as well.
  const titleMatch = [sql`${titleVector} @@ ${tsq}`, ...(negated ? [sql`${searchVector} @@ ${tsq}`] : [])];
  const want = offset + limit;
  // The first `titleRows` rows (with the filters), in the walk's order; named as the table, so the columns read from it.
  let titled =
    titleRows > 0
      ? rowsOf<MatchRow>(
          await ex.execute(sql`select ${MATCH_SELECT} from (select * from ${entryTable} ${whereAll(filters)} order by ${WALK_ORDER} limit ${titleRows}) as ${entryTable}
            ${whereAll(titleMatch)} order by ${WALK_ORDER} limit ${want}`),
        )
      : [];
  if (titled.length < want) {
    // Fewer title matches than the page needs among those rows: all of them, from the title index.
    await gathering(ex);
    titled = await run([...titleMatch, ...filters], 0, want);
    await walking(ex);
  }
  if (titled.length >= want) return titled.slice(offset);
  const bodyOnly = await run([...matching, sql`not (${titleVector} @@ ${tsq})`], Math.max(0, offset - titled.length), want - Math.max(offset, titled.length));
  return [...titled.slice(offset), ...bodyOnly];
}
