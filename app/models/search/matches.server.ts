/**
 * What a search matches: rows of the one search index (`search_entries`, migration 0028,
 * docs/decisions/047-one-search-index.md) whose weighted vector matches the query and that the
 * viewer may see (`searchEntryVisible`, app/rules/visibility.server.ts), narrowed by the filters.
 * search.server.ts ranks and pages them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { searchEntries } from "../../../db/schema/search";
import { searchEntryDocumentId, searchEntryVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { fromRef, refTable, type RefJoin } from "../../utils/refs.server";
import {
  agendaItemPriorityOfItem,
  documentPriorityOfDocument,
  priority,
  recommendationPriorityOfRecommendation,
  workProgrammeTopicSearch,
} from "../oversight/refs.server";
import { actionPriorityOfAction, questionPriorityOfQuestion } from "../questions/refs.server";
import type { SearchKind, SearchOptions } from "./search.server";

export interface MatchRow {
  kind: SearchKind;
  id: string;
  title: string;
  sort_at: string | null;
  precision: string | null;
  body_slug: string | null;
  body_name: string | null;
  link_key: string;
  full_content: boolean;
  question_id: string | null;
  facts: Record<string, string | null> | null;
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const e = searchEntries;

/** The columns a match row is read with. */
export const MATCH_SELECT = sql`${e.kind} as kind, ${e.recordId}::text as id, ${e.title} as title,
  to_char(${e.sortAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as sort_at, ${e.datePrecision} as precision,
  ${e.bodySlug} as body_slug, ${e.bodyName} as body_name, ${e.linkKey} as link_key, ${e.fullContent} as full_content,
  ${e.questionId}::text as question_id, ${e.facts} as facts`;

/** A record's links to priorities (another domain's ref), joined from the record's id. */
type PriorityLink = { priorityId: AnyPgColumn; on: (column: AnyPgColumn | SQL) => RefJoin<PgTable> };

function linkedTo(link: PriorityLink, id: AnyPgColumn | SQL, slug: string): SQL {
  const linked = link.on(id);
  return sql`exists (select 1 ${fromRef(linked)} join ${refTable(priority)} on ${priority.id} = ${link.priorityId}
    where ${linked[1]} and ${priority.slug} = ${slug})`;
}

/** Each kind's way to its priorities: an item's (for its minutes and decisions too), a question's (and its responses'), or its own. */
function priorityCondition(slug: string): SQL {
  const t = workProgrammeTopicSearch;
  const byKind: Record<SearchKind, SQL> = {
    agenda_item: linkedTo(agendaItemPriorityOfItem, e.itemId, slug),
    minute: linkedTo(agendaItemPriorityOfItem, e.itemId, slug),
    decision: linkedTo(agendaItemPriorityOfItem, e.itemId, slug),
    document: linkedTo(documentPriorityOfDocument, searchEntryDocumentId, slug),
    annual_review: linkedTo(documentPriorityOfDocument, searchEntryDocumentId, slug),
    question: linkedTo(questionPriorityOfQuestion, e.questionId, slug),
    response: linkedTo(questionPriorityOfQuestion, e.questionId, slug),
    action: linkedTo(actionPriorityOfAction, e.recordId, slug),
    recommendation: linkedTo(recommendationPriorityOfRecommendation, e.recordId, slug),
    topic: sql`exists (select 1 from ${refTable(t)} join ${refTable(priority)} on ${priority.id} = ${t.priorityId}
      where ${t.id} = ${e.recordId} and ${priority.slug} = ${slug})`,
  };
  return sql`(case ${e.kind} ${sql.join(
    Object.entries(byKind).map(([kind, condition]) => sql`when ${kind} then ${condition}`),
    sql` `,
  )} else false end)`;
}

/** Every condition but the query's: who may see the row, and the filters. Simple predicates on the index's columns. */
export function entryConditions(viewer: Viewer, o: SearchOptions): SQL[] {
  return [
    searchEntryVisible(viewer),
    o.kind ? sql`${e.kind} = ${o.kind}` : undefined,
    o.bodySlug ? sql`${e.bodySlug} = ${o.bodySlug}` : undefined,
    o.from ? sql`${e.sortAt} >= (${o.from}::date::timestamp at time zone 'UTC')` : undefined,
    o.to ? sql`${e.sortAt} < ((${o.to}::date + 1)::timestamp at time zone 'UTC')` : undefined,
    o.prioritySlug ? priorityCondition(o.prioritySlug) : undefined,
  ].filter((c): c is SQL => !!c);
}

export const searchVector = e.search;
export const titleVector = e.titleVector;
export const pairsVector = e.phrasePairs;
export const sortAt = e.sortAt;
export const entryKind = e.kind;
export const entryRecordId = e.recordId;
export const entryTable = e;
