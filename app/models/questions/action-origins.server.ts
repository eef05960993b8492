/**
 * Where an action came from (its question, minute or recommendation), named as
 * far as the viewer may see it; and the minute or recommendation a new action
 * is to come from.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { actions, questions } from "../../../db/schema/questions";
import type { Executor } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import type { NewActionOrigin } from "../../rules/question-transitions.server";
import { agendaItemTitleSeen, agendaItemVisible, minuteVisible, questionVisible, recommendationVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { fromRef, joinClause, refTable } from "../../utils/refs.server";
import { agendaItem, meeting, minute } from "../meetings/refs.server";
import { inspection, recommendation } from "../oversight/refs.server";
import { body, person } from "../people/refs.server";
import { isUuid } from "./questions.server";

// ---------------------------------------------------------------------------
// Where an action came from: a question (its response), a minute, a recommendation
// ---------------------------------------------------------------------------

export type ActionOriginKind = "question" | "minute" | "recommendation";
export const ACTION_ORIGIN_LABELS: Record<ActionOriginKind, string> = { question: "Question", minute: "Minute", recommendation: "Recommendation" };

/**
 * Columns naming an action's origin in a query over `actions`, each as the
 * viewer may see it (app/rules/visibility.server.ts): an action can be seen
 * where its origin cannot (an officer sees every action their organisation
 * owns), so a question's text is null where the viewer may not see the
 * question, and a minute's item is named by the title the viewer may see (an
 * exempt item's public title), null where they may not see the item.
 */
export function actionOriginColumns(viewer: Viewer) {
  const minuteItem = (column: SQL) => sql<string | null>`(select ${column} ${fromRef(minute.on(actions.minuteId))}
    ${joinClause(agendaItem.on(minute.agendaItemId))}
    ${joinClause(meeting.on(agendaItem.meetingId))}
    where ${minute.id} = ${actions.minuteId})`;
  return {
    questionId: actions.questionId,
    minuteId: actions.minuteId,
    recommendationId: actions.recommendationId,
    questionText: sql<string | null>`(select ${questions.text} from ${questions}
      ${joinClause(agendaItem.on(questions.agendaItemId))}
      ${joinClause(meeting.on(agendaItem.meetingId))}
      where ${questions.id} = ${actions.questionId} and ${questionVisible(viewer)})`,
    minuteItemId: sql<string | null>`(select ${minute.agendaItemId} ${fromRef(minute.on(actions.minuteId))} where ${minute.id} = ${actions.minuteId})`,
    minuteItemTitle: minuteItem(agendaItemTitleSeen(viewer)),
    minuteMeeting: minuteItem(sql`case when ${agendaItemVisible(viewer)} then ${meeting.title} end`),
    recommendationReference: sql<string | null>`(select ${recommendation.reference} ${fromRef(recommendation.on(actions.recommendationId))} where ${recommendation.id} = ${actions.recommendationId})`,
    recommendationInspection: sql<string | null>`(select coalesce(${inspection.title}, ${body.name}) ${fromRef(recommendation.on(actions.recommendationId))}
      ${joinClause(inspection.on(recommendation.inspectionId), "left")} ${joinClause(body.on(recommendation.bodyId), "left")} where ${recommendation.id} = ${actions.recommendationId})`,
  };
}

export interface OriginFacts {
  questionId: string | null;
  minuteId: string | null;
  recommendationId: string | null;
  questionText: string | null;
  minuteItemId: string | null;
  minuteItemTitle: string | null;
  minuteMeeting: string | null;
  recommendationReference: string | null;
  recommendationInspection: string | null;
}

export function clip(text: string, max = 100) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The record an action came from, as a label and a link: its question, else its
 * minute, else its recommendation; named only as far as the viewer may see it
 * (`actionOriginColumns`).
 */
export function actionOrigin(o: OriginFacts): { kind: ActionOriginKind; label: string; href: string } | null {
  if (o.questionId) {
    return { kind: "question", label: o.questionText === null ? "Question (not public)" : `Question: ${clip(o.questionText)}`, href: `/questions/${o.questionId}` };
  }
  if (o.minuteId) {
    const label = o.minuteItemTitle === null ? "Minute (not yet published)" : `Minute: ${o.minuteItemTitle} (${o.minuteMeeting ?? ""})`;
    return { kind: "minute", label, href: `/agenda-items/${o.minuteItemId}#minutes-heading` };
  }
  if (o.recommendationId) {
    return { kind: "recommendation", label: `Recommendation ${o.recommendationReference ?? ""} (${o.recommendationInspection ?? ""})`, href: `/recommendations/${o.recommendationId}` };
  }
  return null;
}

// ---------------------------------------------------------------------------
// New actions from a minute or a recommendation
// ---------------------------------------------------------------------------

export type NewActionOriginRef = { kind: "minute" | "recommendation"; id: string };

/** `?minute=<id>` or `?recommendation=<id>` (exactly one), or null. */
export function parseNewActionOrigin(params: URLSearchParams): NewActionOriginRef | null {
  const minute = params.get("minute");
  const recommendation = params.get("recommendation");
  if (minute && !recommendation) return { kind: "minute", id: minute };
  if (recommendation && !minute) return { kind: "recommendation", id: recommendation };
  return null;
}

/**
 * The minute or recommendation a new action is to come from, or null (a 404)
 * when there is none or the viewer may not see it: a draft or exempt minute is
 * as unknown to an officer as a missing one, so the 403 of `checkCreateAction`
 * (the caller's) is only for a record the viewer may read. Recommendations are
 * public (inspections are).
 */
export async function newActionOrigin(executor: Executor, viewer: Viewer, ref: NewActionOriginRef) {
  if (!isUuid(ref.id)) return null;
  if (ref.kind === "minute") {
    const [m] = await executor
      .select({
        itemId: agendaItem.id,
        title: agendaItem.title,
        meeting: meeting.title,
        startsAt: meeting.startsAt,
        leadOrganisationId: person.organisationId,
      })
      .from(refTable(minute))
      .innerJoin(...agendaItem.on(minute.agendaItemId))
      .innerJoin(...meeting.on(agendaItem.meetingId))
      .leftJoin(...person.on(agendaItem.leadOfficerId))
      .where(and(eq(minute.id, ref.id), minuteVisible(viewer)));
    if (!m) return null;
    return {
      ...ref,
      check: { kind: "minute" } as NewActionOrigin,
      label: `the minute of “${m.title}”, ${m.meeting} (${formatDate(m.startsAt)})`,
      href: `/clerk/items/${m.itemId}/minute`,
      defaultOrganisationId: m.leadOrganisationId ?? null,
    };
  }
  const [r] = await executor
    .select({
      reference: recommendation.reference,
      text: recommendation.text,
      inspection: inspection.title,
      organisationId: sql<string | null>`coalesce(${inspection.organisationId}, ${recommendation.addresseeOrganisationId})`,
      body: body.name,
    })
    .from(refTable(recommendation))
    .leftJoin(...inspection.on(recommendation.inspectionId))
    .leftJoin(...body.on(recommendation.bodyId))
    .where(and(eq(recommendation.id, ref.id), recommendationVisible(viewer)));
  if (!r) return null;
  return {
    ...ref,
    check: { kind: "recommendation", inspectedOrganisationId: r.organisationId } as NewActionOrigin,
    label: `recommendation ${r.reference} of ${r.inspection ?? r.body ?? ""}: ${clip(r.text, 160)}`,
    href: `/recommendations/${ref.id}`,
    defaultOrganisationId: r.organisationId,
  };
}
