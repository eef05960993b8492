/**
 * Full-text search over everything a viewer may see (docs/decisions/007-search.md).
 *
 * Each kind's rows are matched against its generated, weighted `search`
 * tsvector (GIN-indexed) with `websearch_to_tsquery('english', q)`, so people
 * can type "quoted phrases", OR and -words. Every branch is filtered with the
 * visibility conditions of app/rules/visibility.server.ts: drafts never match
 * for the public, and an exempt item matches only on its public title.
 * Snippets (`ts_headline`) are computed only for the rows on the page shown.
 *
 * The branches per kind are in matches.server.ts; statuses, snippets and links of the page
 * shown in results.server.ts.
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
import { branches, rowsOf, type MatchRow } from "./matches.server";
import { headlines, hrefFor, questionFacts, snippetParts, statusOf } from "./results.server";

export const SEARCH_KINDS = [
  "agenda_item",
  "minute",
  "document",
  "annual_review",
  "question",
  "response",
  "action",
  "recommendation",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  agenda_item: "Agenda item",
  minute: "Minute",
  document: "Document",
  annual_review: "Annual review",
  question: "Question",
  response: "Response",
  action: "Action",
  recommendation: "Recommendation",
};

export const SEARCH_STATUS_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(QUESTION_STATUS_LABELS).map(([k, v]) => [`question:${k}`, `Question: ${v}`])),
  ...Object.fromEntries(Object.entries(ACTION_STATUS_LABELS).map(([k, v]) => [`action:${k}`, `Action: ${v}`])),
  ...Object.fromEntries(
    Object.entries(RECOMMENDATION_STATUS_LABELS).map(([k, v]) => [`recommendation:${k}`, `Recommendation: ${v}`]),
  ),
};

export const MAX_QUERY_LENGTH = 500;
/** The most matches a search ranks; enough for any real question of the papers. */
const MAX_MATCHES = 1000;
/** Matches of each kind that are ranked: a bound on the work a common word costs. */
const CANDIDATES_PER_KIND = 1000;
const MATCH_COLUMNS = "kind, id, title, rank, sort_at, precision, body_slug, body_name, link_key, full_content, question_id, facts";

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
  /** The query ran past the database's statement timeout (a very common word or phrase at archive size). */
  | { kind: "too_slow" }
  | { kind: "results"; total: number; results: SearchResult[] };

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
  const [check] = rowsOf<{ nodes: number }>(await db().execute(sql`select numnode(${tsq})::int as nodes`));
  if (!check || Number(check.nodes) === 0) return { kind: "stop_words_only" };

  const parts = branches(viewer, tsq, options);
  if (parts.length === 0) return { kind: "results", total: 0, results: [] };
  // Each kind offers at most CANDIDATES_PER_KIND matches, as the index returns them, and
  // only those are ranked: ranking reads every candidate's whole tsvector, and a common
  // word matches nearly every record of the archive, so neither ranking nor ordering all
  // of them is affordable (docs/decisions/010-speed-at-scale.md).
  const union = sql.join(
    parts.map(
      (part) => sql`(select kind, id, title, ts_rank_cd(vec, ${tsq})::float8 as rank, sort_at, precision, body_slug, body_name,
        link_key, full_content, question_id, facts
      from (select * from (${part}) as b(${sql.raw(MATCH_COLUMNS.replace("rank", "vec"))}) limit ${CANDIDATES_PER_KIND}) as c)`,
    ),
    sql` union all `,
  );
  const dateFilters = [
    options.from ? sql`sort_at >= ${options.from}` : undefined,
    options.to ? sql`sort_at < (${options.to}::date + 1)::text` : undefined,
  ].filter(Boolean) as SQL[];
  const where = dateFilters.length > 0 ? sql`where ${sql.join(dateFilters, sql` and `)}` : sql``;
  let result;
  try {
    result = await db().execute(sql`
      select * from (${union}) as m(${sql.raw(MATCH_COLUMNS)}) ${where}
      order by rank desc, sort_at desc nulls last, id limit ${MAX_MATCHES}`);
  } catch (error) {
    // A search that outruns the statement timeout is answered with advice, never an error page.
    if (isStatementTimeout(error)) return { kind: "too_slow" };
    throw error;
  }
  let matches = rowsOf<MatchRow>(result).map((r) => ({ ...r, rank: Number(r.rank) }));

  // Statuses are needed for every match only to filter by status; otherwise for the page shown.
  const statusesOf = async (rows: MatchRow[]) => {
    const facts = await questionFacts([...new Set(rows.map((m) => m.question_id).filter((x): x is string => !!x))]);
    return new Map(rows.map((m) => [`${m.kind}:${m.id}`, statusOf(m, facts)]));
  };
  let statuses = options.status ? await statusesOf(matches) : null;
  if (statuses) matches = matches.filter((m) => statuses!.get(`${m.kind}:${m.id}`)?.key === options.status);
  if (options.sort === "date") {
    matches.sort((a, b) => (b.sort_at ?? "").localeCompare(a.sort_at ?? "") || b.rank - a.rank);
  }

  const size = options.pageSize ?? PAGE_SIZE;
  const pageRows = matches.slice((options.page - 1) * size, options.page * size);
  statuses ??= await statusesOf(pageRows);
  const lines = await headlines(q, pageRows);
  return {
    kind: "results",
    total: matches.length,
    results: pageRows.map((r) => {
      const date = r.sort_at
        ? describeDate(
            r.kind === "agenda_item" || r.kind === "minute" ? new Date(r.sort_at) : r.sort_at.slice(0, 10),
            (r.precision ?? "exact") as Parameters<typeof describeDate>[1],
          )
        : null;
      const status = statuses!.get(`${r.kind}:${r.id}`) ?? null;
      const headline = lines.get(r.id) ?? r.title;
      return {
        kind: r.kind,
        kindLabel: SEARCH_KIND_LABELS[r.kind],
        id: r.id,
        title: r.kind === "response" ? `Response to: ${r.title}` : r.title,
        href: hrefFor(r),
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
