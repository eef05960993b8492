/**
 * Counts for pagination at archive size. Counting every match of a broad filter
 * over twenty years of questions costs as much as listing them all, so a list
 * counts at most COUNT_CAP + 1 rows and says "more than 10,000" beyond that
 * (docs/decisions/010-speed-at-scale.md). The page itself is fetched with
 * LIMIT/OFFSET, so every page stays reachable by "Next".
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { db } from "../db.server";
import { PAGE_SIZE } from "./http.server";

export const COUNT_CAP = 10_000;

export interface CappedTotal {
  /** The number of matches, or COUNT_CAP when there are more. */
  total: number;
  /** True when there are more than COUNT_CAP matches. */
  more: boolean;
}

/** A count of up to COUNT_CAP + 1 rows, as a capped total. */
export function capTotal(counted: number, cap = COUNT_CAP): CappedTotal {
  return counted > cap ? { total: cap, more: true } : { total: counted, more: false };
}

/** Counts the rows a query would return, stopping after COUNT_CAP + 1. */
export async function countCapped(query: PgSelect, cap = COUNT_CAP): Promise<CappedTotal> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(query.limit(cap + 1).as("capped"));
  return capTotal(Number(row?.n ?? 0), cap);
}

/** "1 question", "25 questions", "more than 10,000 questions". */
export function describeTotal(t: CappedTotal, one: string, many: string): string {
  if (t.more) return `more than ${t.total.toLocaleString("en-GB")} ${many}`;
  return t.total === 1 ? `1 ${one}` : `${t.total.toLocaleString("en-GB")} ${many}`;
}

/** Pages to offer: all of them, or when the count was capped, at least one beyond the current page. */
export function cappedPageCount(t: CappedTotal, page: number, size = PAGE_SIZE): number {
  const counted = Math.max(1, Math.ceil(t.total / size));
  return t.more ? Math.max(counted, page + 1) : counted;
}

/** One key of a list's order. The last key of an order must be unique (an id) and no key may be null. */
export interface SortKey {
  expr: SQLWrapper;
  desc?: boolean;
}

export function orderByKeys(keys: SortKey[]): SQL[] {
  return keys.map((k) => (k.desc ? sql`${k.expr} desc` : sql`${k.expr} asc`));
}

/** The keys' values as one JSON array (selected with each row, for keysetAfter). */
export function keysetValues(keys: SortKey[]): SQL<unknown[] | string> {
  return sql<unknown[] | string>`json_build_array(${sql.join(
    keys.map((k) => k.expr),
    sql`, `,
  )})`;
}

/** Rows after the one whose key values are given, in the order of the keys (keyset paging). */
export function keysetAfter(keys: SortKey[], values: unknown[] | string): SQL {
  const vals = typeof values === "string" ? (JSON.parse(values) as unknown[]) : values;
  const branches = keys.map((k, i) => {
    const equal = keys.slice(0, i).map((p, j) => sql`${p.expr} = ${vals[j]}`);
    const beyond = k.desc ? sql`${k.expr} < ${vals[i]}` : sql`${k.expr} > ${vals[i]}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  return sql`(${sql.join(branches, sql` or `)})`;
}

/**
 * Every row of a list, fetched a batch at a time by keyset (for CSV exports):
 * `fetch(after, limit)` returns the next rows with their key values.
 */
export async function* inBatches<T>(
  fetch: (after: unknown[] | string | undefined, limit: number) => Promise<{ row: T; keys: unknown[] | string }[]>,
  batch = 500,
): AsyncGenerator<T[]> {
  let after: unknown[] | string | undefined;
  for (;;) {
    const rows = await fetch(after, batch);
    if (rows.length) yield rows.map((r) => r.row);
    if (rows.length < batch) return;
    after = rows[rows.length - 1].keys;
  }
}

/** What a paginated list's page needs to say about its total: the sentence, and the pagination's pages. */
export function pageTotals(t: CappedTotal, page: number, one: string, many: string) {
  const text = describeTotal(t, one, many);
  return { totalText: text.charAt(0).toUpperCase() + text.slice(1), more: t.more, pageCount: cappedPageCount(t, page) };
}

/**
 * One page of a list query (LIMIT/OFFSET) with its capped total, or every row
 * when `all` (short personal lists). `makeQuery` builds a fresh query each
 * time, since the count wraps it: no count runs when the page shows the end.
 */
export async function pageOfQuery<Q extends PgSelect, R>(
  makeQuery: () => Q,
  options: { page: number; all?: boolean },
  map: (row: Awaited<Q>[number]) => R,
): Promise<CappedTotal & { rows: R[] }> {
  if (options.all) {
    const rows = ((await makeQuery()) as Awaited<Q>).map(map);
    return { total: rows.length, more: false, rows };
  }
  const offset = (options.page - 1) * PAGE_SIZE;
  const rows = (await makeQuery().limit(PAGE_SIZE).offset(offset)) as Awaited<Q>;
  const counted =
    rows.length < PAGE_SIZE && (options.page === 1 || rows.length > 0) ? capTotal(offset + rows.length) : await countCapped(makeQuery());
  return { ...counted, rows: rows.map(map) };
}
