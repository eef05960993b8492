/**
 * What a page of search matches shows: each match's status (questions, actions and
 * recommendations), its snippet (`ts_headline`, computed only for the rows on the page shown)
 * and its link.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import { db } from "../../db.server";
import { searchEntries } from "../../../db/schema/search";
import { refTable } from "../../utils/refs.server";
import { action, question, response } from "../questions/refs.server";
import { documentTextPageOfFile } from "../meetings/refs.server";
import {
  ACTION_STATUS_LABELS,
  actionStatus,
  isActionDone,
  QUESTION_STATUS_LABELS,
  questionStatus,
  RECOMMENDATION_STATUS_LABELS,
  recommendationStatus,
  type QuestionFacts,
} from "../../rules/status.server";
import { decisionStatus } from "../../rules/decision-status.server";
import { questionStatusBasis } from "../../rules/question-status-basis.server";
import type { StatusBasis } from "../../rules/status-basis.server";
import { rowsOf, type MatchRow } from "./matches.server";
import { textArrayLiteral } from "./query-tree";
import type { SearchKind, SnippetPart } from "./search.server";

export async function questionFacts(ids: string[]): Promise<Map<string, QuestionFacts & { sourceStatusNote: string | null }>> {
  const out = new Map<string, QuestionFacts & { sourceStatusNote: string | null }>();
  if (ids.length === 0) return out;
  const qs = await db()
    .select({
      id: question.id,
      acceptedAt: question.acceptedAt,
      rejectedAt: question.rejectedAt,
      closedAt: question.closedAt,
      sourceStatus: question.sourceStatus,
      sourceStatusNote: question.sourceStatusNote,
      dueOn: question.dueOn,
    })
    .from(refTable(question))
    .where(inArray(question.id, ids));
  const rs = await db()
    .select({ id: response.id, questionId: response.questionId, kind: response.kind, supersedesId: response.supersedesId })
    .from(refTable(response))
    .where(inArray(response.questionId, ids));
  const as = await db()
    .select({
      questionId: action.questionId,
      dueOn: action.dueOn,
      startedAt: action.startedAt,
      completedAt: action.completedAt,
      cancelledAt: action.cancelledAt,
    })
    .from(refTable(action))
    .where(inArray(action.questionId, ids));
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

export function statusOf(
  row: MatchRow,
  facts: Map<string, QuestionFacts & { sourceStatusNote: string | null }>,
): { key: string; label: string; basis?: StatusBasis } | null {
  if ((row.kind === "question" || row.kind === "response") && row.question_id) {
    const f = facts.get(row.question_id);
    if (!f) return null;
    const s = questionStatus(f);
    const basis = questionStatusBasis({
      status: s,
      closedByClerk: f.closedAt !== null,
      sourceStatusNote: f.sourceStatusNote,
      openActions: f.actions.filter((a) => !isActionDone(a)).length,
    });
    return { key: `question:${s}`, label: QUESTION_STATUS_LABELS[s], basis };
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
  if (row.kind === "decision" && row.facts) {
    const s = decisionStatus({ callInUntil: row.facts.callInUntil ?? null, calledInOn: row.facts.calledInOn ?? null, implementedOn: row.facts.implementedOn ?? null });
    return { key: `decision:${s.status}`, label: s.label };
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

/**
 * Markdown as plain text, in SQL, for snippets: the one place search strips Markdown
 * (issue #15 item 14). List marks at the start of a line ("- ", "* ", "1. "), links'
 * addresses (`[text](url)` keeps the text), then emphasis, heading, quote, code and
 * table marks, and backslashes (a line break, an escape).
 */
export function markdownAsText(text: SQL): SQL {
  const noLists = sql`regexp_replace(${text}, '^[ \t]*([-+*]|[0-9]+[.)])[ \t]+', '', 'gn')`;
  const noLinks = sql`regexp_replace(${noLists}, '\\[([^]]*)\\]\\([^)]*\\)', '\\1', 'g')`;
  // A backslash too: a Markdown line break (a backslash at the end of a line) or an escape.
  return sql`regexp_replace(${noLinks}, '[#*_>\`|\\\\]+', ' ', 'g')`;
}

/** How much of a long text a snippet is cut from: ts_headline reads (parses) all the text it is given. */
export const SNIPPET_WINDOW = 2400;

/**
 * The part of a long text a snippet is cut from: SNIPPET_WINDOW characters from a little before
 * the first place any of the query's words (`lexemes`, the stems: "assess" finds "assessments")
 * is found, from the start of a word; the text's start where none is found as it stands (a stem
 * unlike its word, "polici"). A short text whole.
 */
export function snippetWindow(text: SQL, lexemes: string[]): SQL {
  const first = sql`(select min(nullif(strpos(lower(${text}), l), 0)) from unnest(${textArrayLiteral(lexemes)}::text[]) as l)`;
  const start = sql`greatest(1, coalesce(${first}, 1) - ${SNIPPET_WINDOW / 4})`;
  return sql`(case when length(${text}) <= ${SNIPPET_WINDOW} then ${text}
    when ${start} = 1 then substr(${text}, 1, ${SNIPPET_WINDOW})
    else regexp_replace(substr(${text}, ${start}, ${SNIPPET_WINDOW}), '^\S*\s+', '') end)`;
}

/**
 * Each match's snippet, cut from the index's text with Markdown stripped (`markdownAsText`):
 * an item's, a decision's, a question's and a topic's title and body; every other kind's body
 * (its title where it has none); from a long text, the part where the words first occur
 * (`snippetWindow`). Keyed `kind:id:full_content`.
 */
export async function headlines(q: string, lexemes: string[], rows: MatchRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (rows.length === 0) return out;
  const e = searchEntries;
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const text = sql`case when ${e.kind} in ('agenda_item', 'decision', 'question', 'topic') or ${e.searchBody} = ''
    then concat_ws('. ', nullif(${e.searchTitle}, ''), nullif(${e.searchBody}, '')) else ${e.searchBody} end`;
  const keys = sql.join(
    rows.map((r) => sql`(${e.kind} = ${r.kind} and ${e.recordId} = ${r.id}::uuid and ${e.fullContent} = ${r.full_content})`),
    sql` or `,
  );
  const result = await db().execute(sql`
    select key, ts_headline('english', ${markdownAsText(sql`part`)}, ${tsq}, ${HEADLINE_OPTIONS}) as headline from (
      select ${e.kind} || ':' || ${e.recordId}::text || ':' || ${e.fullContent}::text as key, ${snippetWindow(sql`t.text`, lexemes)} as part
      from ${e}, lateral (select ${text} as text) as t where ${keys}) as w`);
  for (const r of rowsOf<{ key: string; headline: string }>(result)) out.set(r.key, r.headline);
  return out;
}

/** A match on the text read from a document's file (migration 0030), not on the document itself. */
export function isFileText(row: MatchRow): boolean {
  return (row.kind === "document" || row.kind === "annual_review") && !!row.facts?.fileId;
}

/**
 * For each match on a file's text: the page that matches best (the first of the best), and its
 * snippet. A query whose words are only on different pages matches the file but no one page:
 * such a file has no entry here, and its snippet is cut from the whole text.
 */
export async function filePages(q: string, rows: MatchRow[]): Promise<Map<string, { page: number; headline: string }>> {
  const out = new Map<string, { page: number; headline: string }>();
  const files = rows.filter(isFileText).map((r) => r.id);
  if (files.length === 0) return out;
  const p = documentTextPageOfFile;
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  // The best page of each file first, then its snippet alone (ts_headline reads all the text it is given).
  const result = await db().execute(sql`
    select best.file_id, best.page, ts_headline('english', best.text, ${tsq}, ${HEADLINE_OPTIONS}) as headline from (
      select distinct on (${p.documentFileId}) ${p.documentFileId}::text as file_id, ${p.pageNumber} as page, ${p.text} as text
      from ${refTable(p)}
      where ${p.documentFileId} in (${sql.join(files.map((id) => sql`${id}::uuid`), sql`, `)}) and ${p.search} @@ ${tsq}
      order by ${p.documentFileId}, ts_rank_cd(${p.search}, ${tsq}) desc, ${p.pageNumber}) as best`);
  for (const r of rowsOf<{ file_id: string; page: number; headline: string }>(result)) out.set(r.file_id, { page: Number(r.page), headline: r.headline });
  return out;
}

/** A match's title: a file's text is named by its document and the page (a PDF's) or the file's name. */
export function titleFor(row: MatchRow, page?: number): string {
  if (row.kind === "response") return `Response to: ${row.title}`;
  if (!isFileText(row)) return row.title;
  return row.facts!.paged && page ? `${row.title}, page ${page}` : `${row.title}, ${row.facts!.fileName}`;
}

/** `page`: for a match on a file's text, the page to open the file at (a PDF's). */
export function hrefFor(row: MatchRow, page?: number): string {
  if (isFileText(row)) return `/files/${row.facts!.fileId}${row.facts!.paged && page ? `#page=${page}` : ""}`;
  switch (row.kind) {
    case "agenda_item":
      return `/agenda-items/${row.link_key}`;
    case "minute":
      return `/agenda-items/${row.link_key}#minutes-heading`;
    case "decision":
      return `/decisions/${row.link_key}`;
    case "document":
    case "annual_review":
      return `/documents/${row.link_key}`;
    case "question":
    case "response":
      return `/questions/${row.link_key}`;
    case "action":
      return `/actions/${row.link_key}`;
    case "recommendation":
      // "inspections/<slug>#recommendation-R1", or a board's own "recommendations/<id>".
      return `/${row.link_key}`;
    case "topic":
      return `/work-programme/topics/${row.link_key}`;
  }
}
