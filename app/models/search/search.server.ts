/**
 * Full-text search over everything a viewer may see (docs/decisions/007-search.md,
 * docs/decisions/047-one-search-index.md).
 *
 * Every searchable record has a row in one index, `search_entries` (migration 0028, kept by
 * triggers in the same transaction as the record), with a weighted vector (title A, body B).
 * A search is `websearch_to_tsquery('english', q)` ("quoted phrases", OR, -words) against it,
 * with the viewer's visibility from app/rules/visibility.server.ts (`searchEntryVisible`) and
 * the filters as simple conditions on its columns: drafts never match for the public, and an
 * exempt item matches only on its public title. Counts stop at MAX_MATCHES ("more than 1,000").
 * Snippets (`ts_headline`) are computed only for the rows on the page shown.
 *
 * The conditions are in matches.server.ts; statuses, snippets and links of the page shown in
 * results.server.ts.
 */
import { sql, type SQL } from "drizzle-orm";
import { db, sqlState } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import type { StatusBasis } from "../../rules/status-basis.server";
import { ACTION_STATUS_LABELS, QUESTION_STATUS_LABELS, RECOMMENDATION_STATUS_LABELS } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { refTable } from "../../utils/refs.server";
import { priority } from "../oversight/refs.server";
import { body } from "../people/refs.server";
import { SEARCH_ENTRY_KINDS } from "../../../db/schema/search";
import { rowsOf, type MatchRow } from "./matches.server";
import { boundRows, countFromIndex, GATHER_LIMIT, gathered, indexedCount, MAX_MATCHES, shouldGather, termFrequencies, walked, walkedCount, WALK_ROWS, type Found, type PlanChoice } from "./plans.server";
import { matchBound, pairCondition, pairQueryText, parseQueryTree, queryLexemes } from "./query-tree";
import { filePages, headlines, hrefFor, questionFacts, snippetParts, statusOf, titleFor } from "./results.server";

/** The kinds of record search finds: those of the one index (db/schema/search.ts). */
export const SEARCH_KINDS = SEARCH_ENTRY_KINDS;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  agenda_item: "Agenda item",
  minute: "Minute",
  decision: "Decision",
  document: "Document",
  annual_review: "Annual review",
  question: "Question",
  response: "Response",
  action: "Action",
  recommendation: "Recommendation",
  topic: "Work programme topic",
};

export const SEARCH_STATUS_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(QUESTION_STATUS_LABELS).map(([k, v]) => [`question:${k}`, `Question: ${v}`])),
  ...Object.fromEntries(Object.entries(ACTION_STATUS_LABELS).map(([k, v]) => [`action:${k}`, `Action: ${v}`])),
  ...Object.fromEntries(
    Object.entries(RECOMMENDATION_STATUS_LABELS).map(([k, v]) => [`recommendation:${k}`, `Recommendation: ${v}`]),
  ),
};

export const MAX_QUERY_LENGTH = 500;
export { MAX_MATCHES };

export interface SearchOptions {
  q: string;
  kind?: SearchKind;
  bodySlug?: string;
  prioritySlug?: string;
  status?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  sort?: "relevance" | "date";
  page: number;
  pageSize?: number;
  /** Forces how the matches are read (app/models/search/plans.server.ts): tests compare both. */
  plan?: PlanChoice;
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchResult {
  kind: SearchKind;
  kindLabel: string;
  id: string;
  title: string;
  href: string;
  date: string | null;
  dateApproximate: boolean;
  body: { slug: string; name: string } | null;
  statusLabel: string | null;
  /** What a question's status rests on (app/rules/question-status-basis.server.ts). */
  statusBasis: StatusBasis | null;
  snippet: SnippetPart[];
}

export type SearchOutcome =
  | { kind: "empty" }
  | { kind: "stop_words_only" }
  /** Nothing to search for: only punctuation, symbols or emoji. */
  | { kind: "no_words" }
  /** Only words to leave out (`-word`): there is nothing to look for. */
  | { kind: "only_exclusions" }
  /** The query ran past the database's statement timeout (a very common word or phrase at archive size). */
  | { kind: "too_slow" }
  /** `more`: there are more than `total` (MAX_MATCHES) matches; only the first `total` are paged through. */
  | { kind: "results"; total: number; more: boolean; results: SearchResult[] };

/** The query text a search may use: trimmed, whitespace collapsed. */
export function normaliseQuery(raw: string | null | undefined): string {
  return (raw ?? "").replace(/\s+/g, " ").trim();
}

/** PostgreSQL cancelled the statement at its statement_timeout (SQLSTATE 57014), however the driver wraps it. */
export function isStatementTimeout(error: unknown): boolean {
  return sqlState(error) === "57014";
}

export async function search(viewer: Viewer, options: SearchOptions): Promise<SearchOutcome> {
  const q = normaliseQuery(options.q).slice(0, MAX_QUERY_LENGTH);
  if (!q) return { kind: "empty" };
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  // Letters or digits of any script; punctuation, symbols and emoji alone give PostgreSQL nothing to search.
  if (!/[\p{L}\p{N}]/u.test(q)) return { kind: "no_words" };
  const [check] = rowsOf<{ nodes: number; tree: string; full: string }>(
    await db().execute(sql`select numnode(${tsq})::int as nodes, querytree(${tsq}) as tree, ${tsq}::text as full`),
  );
  if (!check || Number(check.nodes) === 0) return { kind: "stop_words_only" };
  // A query of exclusions only ("-word") would read every row: no index can answer it (querytree 'T').
  if (check.tree === "T") return { kind: "only_exclusions" };

  const size = options.pageSize ?? PAGE_SIZE;
  const offset = (options.page - 1) * size;
  let total: number;
  let more: boolean;
  let pageRows: MatchRow[];
  let statuses: Map<string, ReturnType<typeof statusOf>> | null = null;
  // Statuses are needed for every match only to filter by status; otherwise for the page shown.
  const statusesOf = async (rows: MatchRow[]) => {
    const facts = await questionFacts([...new Set(rows.map((m) => m.question_id).filter((x): x is string => !!x))]);
    return new Map(rows.map((m) => [`${m.kind}:${m.id}`, statusOf(m, facts)]));
  };
  // The whole query's tree: querytree() above leaves out the exclusions, which no index can answer.
  const tree = parseQueryTree(check.full);
  const negated = check.full.includes("!");
  const pairs = pairCondition(tree);
  const pairsQuery = pairs ? sql`${pairQueryText(pairs)}::tsquery` : null;
  try {
    // The planner costs a sequential scan as cheap when many rows match, but each row it reads
    // means reading (de-TOASTing) a whole document's vector: the index scans are far cheaper
    // (docs/decisions/047-one-search-index.md), so the search's statements run without it.
    const found = await db().transaction(async (tx): Promise<Found> => {
      await tx.execute(sql`set local enable_seqscan = off`);
      // Statements are prepared (ADR 057), and a plan PostgreSQL keeps for one ignores the settings
      // below made after it: the search's statements are planned afresh each time, as their settings say.
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      const bound = matchBound(tree);
      const frequencies = await termFrequencies(tx, bound);
      // A status is computed, not stored: to filter by one, the first MAX_MATCHES matches in order are read.
      // Only the first MAX_MATCHES are paged through.
      const wanted = options.status ? { offset: 0, limit: MAX_MATCHES } : { offset, limit: Math.max(0, Math.min(size, MAX_MATCHES - offset)) };
      const gather = () => gathered(tx, viewer, tsq, pairsQuery, options, wanted.offset, wanted.limit);
      const choice = options.plan;
      const estimate = frequencies ? boundRows(bound, frequencies, "search") : 0;
      if (choice === "gathered" || (!choice && (!frequencies || shouldGather(estimate, negated || !!pairsQuery)))) {
        const all = await gather();
        if (all) return all;
      }
      let counted: number;
      if (choice) {
        ({ counted } = await walkedCount(tx, viewer, tsq, options, null));
      } else if (countFromIndex(estimate, !!pairsQuery)) {
        counted = await indexedCount(tx, viewer, tsq, pairsQuery, options);
      } else {
        // Common words: the count walked, unless the walk reads WALK_ROWS rows first (rare among the rows the filters keep).
        const walk = await walkedCount(tx, viewer, tsq, options, WALK_ROWS);
        counted = walk.cut ? await indexedCount(tx, viewer, tsq, pairsQuery, options) : walk.counted;
      }
      // No more than MAX_MATCHES after the filters: all of them, gathered, unless the index holds too many rows to read.
      if (!choice && counted <= MAX_MATCHES && estimate <= 4 * GATHER_LIMIT) {
        const all = await gather();
        if (all) return all;
      }
      const titleRows = choice === "walked, titles gathered" ? 0 : undefined;
      if (options.status) return { counted: -1, rows: await walked(tx, viewer, tsq, options, negated, 0, MAX_MATCHES, titleRows) };
      const shown = Math.min(counted, MAX_MATCHES);
      return {
        counted,
        rows: offset < shown ? await walked(tx, viewer, tsq, options, negated, offset, Math.min(size, shown - offset), titleRows) : [],
      };
    });
    if (options.status) {
      statuses = await statusesOf(found.rows);
      const kept = found.rows.filter((m) => statuses!.get(`${m.kind}:${m.id}`)?.key === options.status);
      total = kept.length;
      more = false;
      pageRows = kept.slice(offset, offset + size);
    } else {
      total = Math.min(found.counted, MAX_MATCHES);
      more = found.counted > MAX_MATCHES;
      pageRows = found.rows;
    }
  } catch (error) {
    // A search that outruns the statement timeout is answered with advice, never an error page.
    if (isStatementTimeout(error)) return { kind: "too_slow" };
    throw error;
  }

  statuses ??= await statusesOf(pageRows);
  const pages = await filePages(q, pageRows);
  const lines = await headlines(q, queryLexemes(tree), pageRows.filter((r) => !pages.has(r.id)));
  return {
    kind: "results",
    total,
    more,
    results: pageRows.map((r) => {
      const date = r.sort_at
        ? describeDate(
            r.kind === "agenda_item" || r.kind === "minute" ? new Date(r.sort_at) : r.sort_at.slice(0, 10),
            (r.precision ?? "exact") as Parameters<typeof describeDate>[1],
          )
        : null;
      const status = statuses!.get(`${r.kind}:${r.id}`) ?? null;
      const page = pages.get(r.id);
      const headline = page?.headline ?? lines.get(`${r.kind}:${r.id}:${r.full_content}`) ?? r.title;
      return {
        kind: r.kind,
        kindLabel: SEARCH_KIND_LABELS[r.kind],
        id: r.id,
        title: titleFor(r, page?.page),
        href: hrefFor(r, page?.page),
        date: date?.text ?? null,
        dateApproximate: date?.approximate ?? false,
        body: r.body_slug && r.body_name ? { slug: r.body_slug, name: r.body_name } : null,
        statusLabel: status?.label ?? null,
        statusBasis: status?.basis ?? null,
        snippet: snippetParts(headline),
      };
    }),
  };
}

/** The choices the filters offer. */
export async function searchFilterOptions() {
  const bodyRows = await db().select({ slug: body.slug, name: body.name }).from(refTable(body)).orderBy(body.name);
  const priorityRows = await db()
    .select({ slug: priority.slug, title: priority.title })
    .from(refTable(priority))
    .orderBy(priority.position, priority.title);
  // The people refs' fields are typed as any column (app/models/people/refs.server.ts), so the row's type is said here.
  return { bodies: bodyRows as { slug: string; name: string }[], priorities: priorityRows };
}

export function isSearchKind(value: string | null | undefined): value is SearchKind {
  return !!value && (SEARCH_KINDS as readonly string[]).includes(value);
}
