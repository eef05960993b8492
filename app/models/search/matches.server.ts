/**
 * What a search matches: one SQL branch per kind of record, each against its weighted `search`
 * tsvector and filtered with the visibility conditions of app/rules/visibility.server.ts (an
 * exempt agenda item matches only on its public title). search.server.ts ranks and pages them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  minutesVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { fromRef, joinClause, refTable, type RefJoin } from "../../utils/refs.server";
import {
  agendaItem,
  agendaItemRef,
  agendaItemSearch,
  documentSearch,
  itemDocumentOfItem,
  meeting,
  meetingRef,
  minute,
  minuteSearch,
} from "../meetings/refs.server";
import {
  agendaItemPriorityOfItem,
  documentPriorityOfDocument,
  inspection,
  priority,
  recommendationPriorityOfRecommendation,
  recommendationSearch,
} from "../oversight/refs.server";
import { body, bodyRef } from "../people/refs.server";
import { actionPriorityOfAction, actionSearch, question, questionPriorityOfQuestion, questionSearch, responseSearch } from "../questions/refs.server";
import type { SearchKind, SearchOptions } from "./search.server";

export interface MatchRow {
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

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const iso = (expr: SQL | AnyPgColumn) => sql`to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** A record's links to priorities (another domain's ref), joined from the record's id. */
type PriorityLink = { priorityId: AnyPgColumn; on: (column: AnyPgColumn | SQL) => RefJoin<PgTable> };

// The body an item, minute, question or response belongs to: its agenda item's meeting's body.
const meetingAndBody = sql`${joinClause(meeting.on(agendaItem.meetingId))} ${joinClause(body.on(meeting.bodyId))}`;

export function branches(viewer: Viewer, tsq: SQL, o: SearchOptions): SQL[] {
  const content = agendaItemContentVisible(viewer);
  const out: SQL[] = [];
  const want = (k: SearchKind) => !o.kind || o.kind === k;
  const bodyIs = (col: SQL | AnyPgColumn) => (o.bodySlug ? sql`and ${col} = ${o.bodySlug}` : sql``);
  const priorityIs = (link: PriorityLink, id: AnyPgColumn) => {
    if (!o.prioritySlug) return sql``;
    const linked = link.on(id);
    return sql`and exists (select 1 ${fromRef(linked)} ${joinClause(priority.on(link.priorityId))} where ${linked[1]} and ${priority.slug} = ${o.prioritySlug})`;
  };

  if (want("agenda_item")) {
    // Two branches, so the common one (content the viewer may see) uses the GIN index;
    // an exempt item the viewer may not read matches on its public title only.
    const item = agendaItemSearch;
    const itemBranch = (full: boolean) => {
      const vector = full ? sql`${item.search}` : sql`setweight(to_tsvector('english', coalesce(${item.publicTitle}, '')), 'A')`;
      const title = full ? sql`${item.title}` : sql`coalesce(${item.publicTitle}, 'Exempt item')`;
      return sql`
      select 'agenda_item' as kind, ${item.id}::text as id, ${title} as title,
        ${vector} as vec, ${iso(meeting.startsAt)} as sort_at,
        ${meeting.datePrecision} as precision, ${body.slug} as body_slug, ${body.name} as body_name,
        ${item.id}::text as link_key, ${sql.raw(full ? "true" : "false")} as full_content, null::text as question_id, null::json as facts
      from ${refTable(item)} ${meetingAndBody}
      where ${agendaItemVisible(viewer)} and ${full ? content : sql`not (${content})`} and ${vector} @@ ${tsq} ${bodyIs(body.slug)}
        ${priorityIs(agendaItemPriorityOfItem, item.id)}`;
    };
    out.push(itemBranch(true), itemBranch(false));
  }
  if (want("minute")) {
    const m = minuteSearch;
    out.push(sql`
      select 'minute', ${m.id}::text, ${agendaItem.title},
        ${m.search}, ${iso(meeting.startsAt)}, ${meeting.datePrecision},
        ${body.slug}, ${body.name}, ${agendaItem.id}::text, true, null::text, null::json
      from ${refTable(m)} ${joinClause(agendaItem.on(m.agendaItemId))} ${meetingAndBody}
      where ${minutesVisible(viewer)} and ${agendaItemVisible(viewer)} and ${content} and ${m.search} @@ ${tsq}
        ${bodyIs(body.slug)} ${priorityIs(agendaItemPriorityOfItem, agendaItem.id)}`);
  }
  if (want("document") || want("annual_review")) {
    const d = documentSearch;
    const kindCondition =
      o.kind === "annual_review"
        ? sql`and ${d.kind} = 'annual_review'`
        : o.kind === "document"
          ? sql`and ${d.kind} <> 'annual_review'`
          : sql``;
    // The body a document was presented to, or whose agenda it is attached to.
    // (Two indexed lookups, not one OR: an OR made PostgreSQL walk every meeting by date.)
    const ai = agendaItemRef("ai");
    const m = meetingRef("m");
    const b = bodyRef("b");
    const presentedAt = ai.on(d.presentedAtItemId);
    const itemMeetingBody = sql`${joinClause(m.on(ai.meetingId))} ${joinClause(b.on(m.bodyId))}`;
    const docBody = sql`(select json_build_object('slug', x.slug, 'name', x.name) from (
        select ${m.startsAt}, ${b.slug}, ${b.name} ${fromRef(presentedAt)}
          ${itemMeetingBody}
          where ${presentedAt[1]}
        union all
        select ${m.startsAt}, ${b.slug}, ${b.name} from ${refTable(itemDocumentOfItem)} ${joinClause(ai.on(itemDocumentOfItem.agendaItemId))}
          ${itemMeetingBody}
          where ${itemDocumentOfItem.documentId} = ${d.id}
      ) x order by x.starts_at limit 1)`;
    out.push(sql`
      select case when ${d.kind} = 'annual_review' then 'annual_review' else 'document' end, ${d.id}::text, ${d.title},
        ${d.search}, ${iso(sql`${d.documentDate}::timestamp at time zone 'UTC'`)},
        ${d.datePrecision}, ${docBody}->>'slug', ${docBody}->>'name', ${d.slug}, true, null::text, null::json
      from ${refTable(d)}
      where ${documentVisible(viewer)} and ${d.search} @@ ${tsq} ${kindCondition}
        ${o.bodySlug ? sql`and ${docBody}->>'slug' = ${o.bodySlug}` : sql``}
        ${priorityIs(documentPriorityOfDocument, d.id)}`);
  }
  if (want("question")) {
    const q = questionSearch;
    out.push(sql`
      select 'question', ${q.id}::text, ${q.text},
        ${q.search}, ${iso(sql`${q.tabledOn}::timestamp at time zone 'UTC'`)},
        ${q.tabledOnPrecision}, ${body.slug}, ${body.name}, ${q.id}::text, true, ${q.id}::text, null::json
      from ${refTable(q)} ${joinClause(agendaItem.on(q.agendaItemId))} ${meetingAndBody}
      where ${questionVisible(viewer)} and ${q.search} @@ ${tsq} ${bodyIs(body.slug)}
        ${priorityIs(questionPriorityOfQuestion, q.id)}`);
  }
  if (want("response")) {
    const r = responseSearch;
    out.push(sql`
      select 'response', ${r.id}::text, ${question.text},
        ${r.search}, ${iso(r.respondedAt)},
        ${r.respondedAtPrecision}, ${body.slug}, ${body.name}, ${question.id}::text, true, ${question.id}::text, null::json
      from ${refTable(r)} ${joinClause(question.on(r.questionId))}
        ${joinClause(agendaItem.on(question.agendaItemId))} ${meetingAndBody}
      where ${questionVisible(viewer)} and ${r.search} @@ ${tsq} ${bodyIs(body.slug)}
        ${priorityIs(questionPriorityOfQuestion, question.id)}`);
  }
  if (want("action")) {
    // An action is seen where what it came from is (app/rules/visibility.server.ts).
    const visible = actionVisible(viewer);
    const a = actionSearch;
    out.push(sql`
      select 'action', ${a.id}::text, coalesce(${a.reference} || ': ', '') || ${a.description},
        ${a.search}, ${iso(sql`${a.dueOn}::timestamp at time zone 'UTC'`)},
        'exact', ${body.slug}, ${body.name}, ${a.id}::text, true, ${question.id}::text,
        json_build_object('dueOn', ${a.dueOn}, 'startedAt', ${a.startedAt}, 'completedAt', ${a.completedAt}, 'cancelledAt', ${a.cancelledAt})
      from ${refTable(a)} ${joinClause(question.on(a.questionId), "left")}
        ${joinClause(minute.on(a.minuteId), "left")}
        ${joinClause(agendaItem.on(sql`coalesce(${question.agendaItemId}, ${minute.agendaItemId})`), "left")}
        ${joinClause(meeting.on(agendaItem.meetingId), "left")} ${joinClause(body.on(meeting.bodyId), "left")}
      where ${visible} and ${a.search} @@ ${tsq} ${bodyIs(body.slug)}
        ${priorityIs(actionPriorityOfAction, a.id)}`);
  }
  if (want("recommendation") && !o.bodySlug) {
    const r = recommendationSearch;
    out.push(sql`
      select 'recommendation', ${r.id}::text, ${inspection.title} || ': ' || ${r.reference},
        ${r.search},
        ${iso(sql`coalesce(${inspection.publishedOn}, ${inspection.visitEndOn}, ${inspection.visitStartOn})::timestamp at time zone 'UTC'`)},
        ${inspection.datePrecision}, null, null, ${inspection.slug} || '#recommendation-' || ${r.reference}, true, null::text,
        json_build_object('metByInspectionId', ${r.metByInspectionId}, 'closedAt', ${r.closedAt})
      from ${refTable(r)} ${joinClause(inspection.on(r.inspectionId))}
      where ${r.search} @@ ${tsq}
        ${priorityIs(recommendationPriorityOfRecommendation, r.id)}`);
  }
  return out;
}
