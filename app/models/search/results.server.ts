/**
 * What a page of search matches shows: each match's status (questions, actions and
 * recommendations), its snippet (`ts_headline`, computed only for the rows on the page shown)
 * and its link.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { db } from "../../db.server";
import { refTable, type RefJoin } from "../../utils/refs.server";
import { agendaItemSearch, documentSearch, minuteSearch } from "../meetings/refs.server";
import { recommendationSearch } from "../oversight/refs.server";
import { action, actionSearch, question, questionSearch, response, responseSearch } from "../questions/refs.server";
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
import { questionStatusBasis } from "../../rules/question-status-basis.server";
import type { StatusBasis } from "../../rules/status-basis.server";
import { rowsOf, type MatchRow } from "./matches.server";
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
 * table marks.
 */
export function markdownAsText(text: SQL): SQL {
  const noLists = sql`regexp_replace(${text}, '^[ \t]*([-+*]|[0-9]+[.)])[ \t]+', '', 'gn')`;
  const noLinks = sql`regexp_replace(${noLists}, '\\[([^]]*)\\]\\([^)]*\\)', '\\1', 'g')`;
  return sql`regexp_replace(${noLinks}, '[#*_>\`|]+', ' ', 'g')`;
}

/** The text each kind's snippet is cut from: Markdown stripped (`markdownAsText`). */
export async function headlines(q: string, rows: MatchRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byKind = (k: SearchKind[]) => rows.filter((r) => k.includes(r.kind)).map((r) => r.id);
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const run = async (ids: string[], record: { id: AnyPgColumn } & Parameters<typeof refTable>[0], text: SQL) => {
    if (ids.length === 0) return;
    const result = await db().execute(sql`
      select ${record.id}::text as id,
        ts_headline('english', ${markdownAsText(text)}, ${tsq}, ${HEADLINE_OPTIONS}) as headline
      from ${refTable(record)} where ${record.id}::text in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    for (const r of rowsOf<{ id: string; headline: string }>(result)) out.set(r.id, r.headline);
  };
  const item = agendaItemSearch;
  const fullItems = rows.filter((r) => r.kind === "agenda_item" && r.full_content).map((r) => r.id);
  await run(fullItems, item, sql`${item.title} || '. ' || ${item.purpose} || ' ' || ${item.body}`);
  await run(byKind(["minute"]), minuteSearch, sql`${minuteSearch.body} || ' ' || ${minuteSearch.decisions}`);
  await run(byKind(["document", "annual_review"]), documentSearch, sql`${documentSearch.summary} || ' ' || ${documentSearch.body}`);
  await run(byKind(["question"]), questionSearch, sql`${questionSearch.text}`);
  await run(byKind(["response"]), responseSearch, sql`${responseSearch.body}`);
  await run(byKind(["action"]), actionSearch, sql`${actionSearch.description} || ' ' || coalesce(${actionSearch.closureEvidence}, '')`);
  const r = recommendationSearch;
  await run(
    byKind(["recommendation"]),
    r,
    sql`${r.text} || ' ' || coalesce(${r.metFinding}, '') || ' ' || coalesce(${r.closureEvidence}, '')`,
  );
  return out;
}

export function hrefFor(row: MatchRow): string {
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
