/**
 * What a search matches: one SQL branch per kind of record, each against its weighted `search`
 * tsvector and filtered with the visibility conditions of app/rules/visibility.server.ts (an
 * exempt agenda item matches only on its public title). search.server.ts ranks and pages them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  minutesVisible,
  questionVisible,
} from "../../rules/visibility.server";
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

const iso = (expr: SQL) => sql`to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export function branches(viewer: Viewer, tsq: SQL, o: SearchOptions): SQL[] {
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
        questions.tabled_on_precision, bodies.slug, bodies.name, questions.id::text, true, questions.id::text, null::json
      ${questionFrom}
      where ${questionVisible(viewer)} and questions.search @@ ${tsq} ${bodyIs(sql`bodies.slug`)}
        ${priorityIs("question_priorities", "question_id", sql`questions.id`)}`);
  }
  if (want("response")) {
    out.push(sql`
      select 'response', responses.id::text, questions.text,
        responses.search, ${iso(sql`responses.responded_at`)},
        responses.responded_at_precision, bodies.slug, bodies.name, questions.id::text, true, questions.id::text, null::json
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
