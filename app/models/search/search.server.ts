/**
 * Full-text search over everything a viewer may see (docs/decisions/007-search.md).
 *
 * Each kind's rows are matched against its generated, weighted `search`
 * tsvector (GIN-indexed) with `websearch_to_tsquery('english', q)`, so people
 * can type "quoted phrases", OR and -words. Every branch is filtered with the
 * visibility conditions of app/rules/visibility.server.ts: drafts never match
 * for the public, and an exempt item matches only on its public title.
 * Snippets (`ts_headline`) are computed only for the rows on the page shown.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import { actions, bodies, priorities, questions, responses } from "../../../db/schema";
import { db, sqlState } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import {
  ACTION_STATUS_LABELS,
  actionStatus,
  QUESTION_STATUS_LABELS,
  questionStatus,
  RECOMMENDATION_STATUS_LABELS,
  recommendationStatus,
  type QuestionFacts,
} from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  minutesVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { PAGE_SIZE } from "../../utils/http.server";

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
  snippet: SnippetPart[];
}

export type SearchOutcome =
  | { kind: "empty" }
  | { kind: "stop_words_only" }
  /** The query ran past the database's statement timeout (a very common word or phrase at archive size). */
  | { kind: "too_slow" }
  | { kind: "results"; total: number; results: SearchResult[] };

interface MatchRow {
  kind: SearchKind;
  id: string;
  title: string;
  rank: number;
  sort_at: string | null;
  precision: string | null;
  body_slug: string | null;
  body_name: string | null;
  link_key: string;
  full_content: boolean;
  question_id: string | null;
  facts: Record<string, string | null> | null;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The query text a search may use: trimmed, whitespace collapsed. */
export function normaliseQuery(raw: string | null | undefined): string {
  return (raw ?? "").replace(/\s+/g, " ").trim();
}

const iso = (expr: SQL) => sql`to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

function branches(viewer: Viewer, tsq: SQL, o: SearchOptions): SQL[] {
  const content = agendaItemContentVisible(viewer);
  const out: SQL[] = [];
  const want = (k: SearchKind) => !o.kind || o.kind === k;
  const bodyIs = (col: SQL) => (o.bodySlug ? sql`and ${col} = ${o.bodySlug}` : sql``);
  const priorityIs = (table: string, col: string, idExpr: SQL) =>
    o.prioritySlug
      ? sql`and exists (select 1 from ${sql.raw(table)} lp join priorities pp on pp.id = lp.priority_id where lp.${sql.raw(col)} = ${idExpr} and pp.slug = ${o.prioritySlug})`
      : sql``;

  if (want("agenda_item")) {
    // Two branches, so the common one (content the viewer may see) uses the GIN index;
    // an exempt item the viewer may not read matches on its public title only.
    const itemBranch = (full: boolean) => {
      const vector = full ? sql`agenda_items.search` : sql`setweight(to_tsvector('english', coalesce(agenda_items.public_title, '')), 'A')`;
      const title = full ? sql`agenda_items.title` : sql`coalesce(agenda_items.public_title, 'Exempt item')`;
      return sql`
      select 'agenda_item' as kind, agenda_items.id::text as id, ${title} as title,
        ${vector} as vec, ${iso(sql`meetings.starts_at`)} as sort_at,
        meetings.date_precision as precision, bodies.slug as body_slug, bodies.name as body_name,
        agenda_items.id::text as link_key, ${sql.raw(full ? "true" : "false")} as full_content, null::text as question_id, null::json as facts
      from agenda_items join meetings on meetings.id = agenda_items.meeting_id join bodies on bodies.id = meetings.body_id
      where ${agendaItemVisible(viewer)} and ${full ? content : sql`not (${content})`} and ${vector} @@ ${tsq} ${bodyIs(sql`bodies.slug`)}
        ${priorityIs("agenda_item_priorities", "agenda_item_id", sql`agenda_items.id`)}`;
    };
    out.push(itemBranch(true), itemBranch(false));
  }
  if (want("minute")) {
    out.push(sql`
      select 'minute', minutes.id::text, agenda_items.title,
        minutes.search, ${iso(sql`meetings.starts_at`)}, meetings.date_precision,
        bodies.slug, bodies.name, agenda_items.id::text, true, null::text, null::json
      from minutes join agenda_items on agenda_items.id = minutes.agenda_item_id
        join meetings on meetings.id = agenda_items.meeting_id join bodies on bodies.id = meetings.body_id
      where ${minutesVisible(viewer)} and ${agendaItemVisible(viewer)} and ${content} and minutes.search @@ ${tsq}
        ${bodyIs(sql`bodies.slug`)} ${priorityIs("agenda_item_priorities", "agenda_item_id", sql`agenda_items.id`)}`);
  }
  if (want("document") || want("annual_review")) {
    const kindCondition =
      o.kind === "annual_review"
        ? sql`and documents.kind = 'annual_review'`
        : o.kind === "document"
          ? sql`and documents.kind <> 'annual_review'`
          : sql``;
    // The body a document was presented to, or whose agenda it is attached to.
    // (Two indexed lookups, not one OR: an OR made PostgreSQL walk every meeting by date.)
    const docBody = sql`(select json_build_object('slug', x.slug, 'name', x.name) from (
        select m.starts_at, b.slug, b.name from agenda_items ai
          join meetings m on m.id = ai.meeting_id join bodies b on b.id = m.body_id
          where ai.id = documents.presented_at_item_id
        union all
        select m.starts_at, b.slug, b.name from agenda_item_documents aid join agenda_items ai on ai.id = aid.agenda_item_id
          join meetings m on m.id = ai.meeting_id join bodies b on b.id = m.body_id
          where aid.document_id = documents.id
      ) x order by x.starts_at limit 1)`;
    out.push(sql`
      select case when documents.kind = 'annual_review' then 'annual_review' else 'document' end, documents.id::text, documents.title,
        documents.search, ${iso(sql`documents.document_date::timestamp at time zone 'UTC'`)},
        documents.date_precision, ${docBody}->>'slug', ${docBody}->>'name', documents.slug, true, null::text, null::json
      from documents
      where ${documentVisible(viewer)} and documents.search @@ ${tsq} ${kindCondition}
        ${o.bodySlug ? sql`and ${docBody}->>'slug' = ${o.bodySlug}` : sql``}
        ${priorityIs("document_priorities", "document_id", sql`documents.id`)}`);
  }
  const questionFrom = sql`from questions join agenda_items on agenda_items.id = questions.agenda_item_id
        join meetings on meetings.id = agenda_items.meeting_id join bodies on bodies.id = meetings.body_id`;
  if (want("question")) {
    out.push(sql`
      select 'question', questions.id::text, questions.text,
        questions.search, ${iso(sql`questions.tabled_on::timestamp at time zone 'UTC'`)},
        meetings.date_precision, bodies.slug, bodies.name, questions.id::text, true, questions.id::text, null::json
      ${questionFrom}
      where ${questionVisible(viewer)} and questions.search @@ ${tsq} ${bodyIs(sql`bodies.slug`)}
        ${priorityIs("question_priorities", "question_id", sql`questions.id`)}`);
  }
  if (want("response")) {
    out.push(sql`
      select 'response', responses.id::text, questions.text,
        responses.search, ${iso(sql`responses.responded_at`)},
        meetings.date_precision, bodies.slug, bodies.name, questions.id::text, true, questions.id::text, null::json
      from responses join questions on questions.id = responses.question_id
        join agenda_items on agenda_items.id = questions.agenda_item_id
        join meetings on meetings.id = agenda_items.meeting_id join bodies on bodies.id = meetings.body_id
      where ${questionVisible(viewer)} and responses.search @@ ${tsq} ${bodyIs(sql`bodies.slug`)}
        ${priorityIs("question_priorities", "question_id", sql`questions.id`)}`);
  }
  if (want("action")) {
    // An action is seen where what it came from is (app/rules/visibility.server.ts).
    const visible = actionVisible(viewer);
    out.push(sql`
      select 'action', actions.id::text, coalesce(actions.reference || ': ', '') || actions.description,
        actions.search, ${iso(sql`actions.due_on::timestamp at time zone 'UTC'`)},
        'exact', bodies.slug, bodies.name, actions.id::text, true, questions.id::text,
        json_build_object('dueOn', actions.due_on, 'startedAt', actions.started_at, 'completedAt', actions.completed_at, 'cancelledAt', actions.cancelled_at)
      from actions left join questions on questions.id = actions.question_id
        left join minutes on minutes.id = actions.minute_id
        left join agenda_items on agenda_items.id = coalesce(questions.agenda_item_id, minutes.agenda_item_id)
        left join meetings on meetings.id = agenda_items.meeting_id left join bodies on bodies.id = meetings.body_id
      where ${visible} and actions.search @@ ${tsq} ${bodyIs(sql`bodies.slug`)}
        ${priorityIs("action_priorities", "action_id", sql`actions.id`)}`);
  }
  if (want("recommendation") && !o.bodySlug) {
    out.push(sql`
      select 'recommendation', recommendations.id::text, inspections.title || ': ' || recommendations.reference,
        recommendations.search,
        ${iso(sql`coalesce(inspections.published_on, inspections.visit_end_on, inspections.visit_start_on)::timestamp at time zone 'UTC'`)},
        inspections.date_precision, null, null, inspections.slug || '#recommendation-' || recommendations.reference, true, null::text,
        json_build_object('metByInspectionId', recommendations.met_by_inspection_id, 'closedAt', recommendations.closed_at)
      from recommendations join inspections on inspections.id = recommendations.inspection_id
      where recommendations.search @@ ${tsq}
        ${priorityIs("recommendation_priorities", "recommendation_id", sql`recommendations.id`)}`);
  }
  return out;
}

export async function questionFacts(ids: string[]): Promise<Map<string, QuestionFacts>> {
  const out = new Map<string, QuestionFacts>();
  if (ids.length === 0) return out;
  const qs = await db()
    .select({
      id: questions.id,
      acceptedAt: questions.acceptedAt,
      rejectedAt: questions.rejectedAt,
      closedAt: questions.closedAt,
      dueOn: questions.dueOn,
    })
    .from(questions)
    .where(inArray(questions.id, ids));
  const rs = await db()
    .select({ id: responses.id, questionId: responses.questionId, kind: responses.kind, supersedesId: responses.supersedesId })
    .from(responses)
    .where(inArray(responses.questionId, ids));
  const as = await db()
    .select({
      questionId: actions.questionId,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
    })
    .from(actions)
    .where(inArray(actions.questionId, ids));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  for (const q of qs) {
    out.set(q.id, {
      ...q,
      responseKinds: rs.filter((r) => r.questionId === q.id && !superseded.has(r.id)).map((r) => r.kind),
      actions: as.filter((a) => a.questionId === q.id),
    });
  }
  return out;
}

const toDate = (v: string | null | undefined) => (v ? new Date(v) : null);

function statusOf(row: MatchRow, facts: Map<string, QuestionFacts>): { key: string; label: string } | null {
  if ((row.kind === "question" || row.kind === "response") && row.question_id) {
    const f = facts.get(row.question_id);
    if (!f) return null;
    const s = questionStatus(f);
    return { key: `question:${s}`, label: QUESTION_STATUS_LABELS[s] };
  }
  if (row.kind === "action" && row.facts) {
    const s = actionStatus({
      dueOn: row.facts.dueOn ?? "",
      startedAt: toDate(row.facts.startedAt),
      completedAt: toDate(row.facts.completedAt),
      cancelledAt: toDate(row.facts.cancelledAt),
    });
    return { key: `action:${s}`, label: ACTION_STATUS_LABELS[s] };
  }
  if (row.kind === "recommendation" && row.facts) {
    const s = recommendationStatus({
      metByInspectionId: row.facts.metByInspectionId ?? null,
      closedAt: toDate(row.facts.closedAt),
    });
    return { key: `recommendation:${s}`, label: RECOMMENDATION_STATUS_LABELS[s] };
  }
  return null;
}

const START = "\u0002";
const STOP = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/** "a \u0002b\u0003 c" → [{a }, {b, hit}, { c}]: the component places text, never HTML. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = new RegExp(`${START}([^${STOP}]*)${STOP}`, "g");
  let last = 0;
  for (const m of headline.matchAll(re)) {
    if (m.index! > last) parts.push({ text: headline.slice(last, m.index), hit: false });
    parts.push({ text: m[1], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < headline.length) parts.push({ text: headline.slice(last), hit: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, "") }));
}

/** The text each kind's snippet is cut from: Markdown marks stripped a little. */
async function headlines(q: string, rows: MatchRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byKind = (k: SearchKind[]) => rows.filter((r) => k.includes(r.kind)).map((r) => r.id);
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const run = async (ids: string[], table: string, text: SQL) => {
    if (ids.length === 0) return;
    const result = await db().execute(sql`
      select ${sql.raw(table)}.id::text as id,
        ts_headline('english', regexp_replace(${text}, '[#*_>\`|]+', ' ', 'g'), ${tsq}, ${HEADLINE_OPTIONS}) as headline
      from ${sql.raw(table)} where ${sql.raw(table)}.id::text in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    for (const r of rowsOf<{ id: string; headline: string }>(result)) out.set(r.id, r.headline);
  };
  const fullItems = rows.filter((r) => r.kind === "agenda_item" && r.full_content).map((r) => r.id);
  await run(fullItems, "agenda_items", sql`agenda_items.title || '. ' || agenda_items.purpose || ' ' || agenda_items.body`);
  await run(byKind(["minute"]), "minutes", sql`minutes.body || ' ' || minutes.decisions`);
  await run(byKind(["document", "annual_review"]), "documents", sql`documents.summary || ' ' || documents.body`);
  await run(byKind(["question"]), "questions", sql`questions.text`);
  await run(byKind(["response"]), "responses", sql`responses.body`);
  await run(byKind(["action"]), "actions", sql`actions.description || ' ' || coalesce(actions.closure_evidence, '')`);
  await run(
    byKind(["recommendation"]),
    "recommendations",
    sql`recommendations.text || ' ' || coalesce(recommendations.met_finding, '') || ' ' || coalesce(recommendations.closure_evidence, '')`,
  );
  return out;
}

function hrefFor(row: MatchRow): string {
  switch (row.kind) {
    case "agenda_item":
      return `/agenda-items/${row.link_key}`;
    case "minute":
      return `/agenda-items/${row.link_key}#minutes-heading`;
    case "document":
    case "annual_review":
      return `/documents/${row.link_key}`;
    case "question":
    case "response":
      return `/questions/${row.link_key}`;
    case "action":
      return `/actions/${row.link_key}`;
    case "recommendation":
      return `/inspections/${row.link_key}`;
  }
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
        snippet: snippetParts(headline),
      };
    }),
  };
}

/** The choices the filters offer. */
export async function searchFilterOptions() {
  const bodyRows = await db().select({ slug: bodies.slug, name: bodies.name }).from(bodies).orderBy(bodies.name);
  const priorityRows = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(priorities)
    .orderBy(priorities.position, priorities.title);
  return { bodies: bodyRows, priorities: priorityRows };
}

export function isSearchKind(value: string | null | undefined): value is SearchKind {
  return !!value && (SEARCH_KINDS as readonly string[]).includes(value);
}
