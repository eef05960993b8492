/** A record's links, from whichever end, and the candidates to link it to. */
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import {
  agendaItemPriorities,
  agendaItemRecommendations,
  documentPriorities,
  inspections,
  priorities,
  recommendationPriorities,
  recommendations,
} from "../../../db/schema/oversight";
import { db } from "../../db.server";
import type { Viewer } from "../../rules/viewer.server";
import { actionVisible, documentVisible, questionVisible } from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, document, meeting } from "../meetings/refs.server";
import {
  action,
  actionPriorityOfAction,
  actionPriorityOfPriority,
  question,
  questionPriorityOfPriority,
  questionPriorityOfQuestion,
  questionRecommendationOfQuestion,
  questionRecommendationOfRecommendation,
} from "../questions/refs.server";
import { describeRecord, itemSeen, normalise, type Pair, type RecordRef, type RecordSummary, type RecordType } from "./links.server";

// ---------------------------------------------------------------------------
// Listing a record's links, and the candidates to link it to
// ---------------------------------------------------------------------------

export interface LinkRow {
  source: RecordSummary;
  target: RecordSummary;
}

/** The links the record takes part in, from whichever end, as the viewer may see them. */
export async function listLinks(viewer: Viewer, raw: RecordRef): Promise<LinkRow[]> {
  const ref = await normalise(db(), raw).catch(() => raw);
  const pairs: Pair[] = [];
  const push = (sType: RecordType, sIds: string[], tType: RecordType, tIds: string[]) => {
    for (let i = 0; i < sIds.length; i++) pairs.push({ source: { type: sType, id: sIds[i] }, target: { type: tType, id: tIds[i] } });
  };
  const x = db();
  if (ref.type === "priority") {
    const p = ref.id;
    const a = await x.select().from(agendaItemPriorities).where(eq(agendaItemPriorities.priorityId, p));
    push("agenda_item", a.map((r) => r.agendaItemId), "priority", a.map(() => p));
    const q = await x
      .select({ questionId: questionPriorityOfPriority.questionId, priorityId: questionPriorityOfPriority.priorityId })
      .from(refTable(questionPriorityOfPriority))
      .where(eq(questionPriorityOfPriority.priorityId, p));
    push("question", q.map((r) => r.questionId), "priority", q.map(() => p));
    const ac = await x
      .select({ actionId: actionPriorityOfPriority.actionId, priorityId: actionPriorityOfPriority.priorityId })
      .from(refTable(actionPriorityOfPriority))
      .where(eq(actionPriorityOfPriority.priorityId, p));
    push("action", ac.map((r) => r.actionId), "priority", ac.map(() => p));
    const r = await x.select().from(recommendationPriorities).where(eq(recommendationPriorities.priorityId, p));
    push("recommendation", r.map((row) => row.recommendationId), "priority", r.map(() => p));
    const d = await x.select().from(documentPriorities).where(eq(documentPriorities.priorityId, p));
    push("document", d.map((row) => row.documentId), "priority", d.map(() => p));
  } else {
    const s = ref.id;
    const toPriorities = async (rows: { priorityId: string }[]) => push(ref.type, rows.map(() => s), "priority", rows.map((r) => r.priorityId));
    const toRecs = async (rows: { recommendationId: string | null }[]) => {
      const ids = rows.map((r) => r.recommendationId).filter((v): v is string => Boolean(v));
      push(ref.type, ids.map(() => s), "recommendation", ids);
    };
    if (ref.type === "agenda_item") {
      await toPriorities(await x.select().from(agendaItemPriorities).where(eq(agendaItemPriorities.agendaItemId, s)));
      await toRecs(await x.select().from(agendaItemRecommendations).where(eq(agendaItemRecommendations.agendaItemId, s)));
    } else if (ref.type === "question") {
      await toPriorities(
        await x
          .select({ questionId: questionPriorityOfQuestion.questionId, priorityId: questionPriorityOfQuestion.priorityId })
          .from(refTable(questionPriorityOfQuestion))
          .where(eq(questionPriorityOfQuestion.questionId, s)),
      );
      await toRecs(
        await x
          .select({ questionId: questionRecommendationOfQuestion.questionId, recommendationId: questionRecommendationOfQuestion.recommendationId })
          .from(refTable(questionRecommendationOfQuestion))
          .where(eq(questionRecommendationOfQuestion.questionId, s)),
      );
    } else if (ref.type === "action") {
      await toPriorities(
        await x
          .select({ actionId: actionPriorityOfAction.actionId, priorityId: actionPriorityOfAction.priorityId })
          .from(refTable(actionPriorityOfAction))
          .where(eq(actionPriorityOfAction.actionId, s)),
      );
      await toRecs(await x.select({ recommendationId: action.recommendationId }).from(refTable(action)).where(eq(action.id, s)));
    } else if (ref.type === "document") {
      await toPriorities(await x.select().from(documentPriorities).where(eq(documentPriorities.documentId, s)));
    } else if (ref.type === "recommendation") {
      await toPriorities(await x.select().from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, s)));
      // The recommendation as a target.
      const a = await x.select().from(agendaItemRecommendations).where(eq(agendaItemRecommendations.recommendationId, s));
      push("agenda_item", a.map((r) => r.agendaItemId), "recommendation", a.map(() => s));
      const q = await x
        .select({ questionId: questionRecommendationOfRecommendation.questionId, recommendationId: questionRecommendationOfRecommendation.recommendationId })
        .from(refTable(questionRecommendationOfRecommendation))
        .where(eq(questionRecommendationOfRecommendation.recommendationId, s));
      push("question", q.map((r) => r.questionId), "recommendation", q.map(() => s));
      const ac = await x.select({ id: action.id }).from(refTable(action)).where(eq(action.recommendationId, s));
      push("action", ac.map((r) => r.id), "recommendation", ac.map(() => s));
    }
  }
  const rows: LinkRow[] = [];
  for (const p of pairs) {
    const [source, target] = await Promise.all([describeRecord(viewer, p.source), describeRecord(viewer, p.target)]);
    if (source && target) rows.push({ source, target });
  }
  return rows;
}

export const CANDIDATE_LIMIT = 50;

/**
 * What the record could be linked to (or, for a priority or recommendation, what
 * could be linked to it), matching `q`, at most CANDIDATE_LIMIT.
 */
export async function searchCandidates(viewer: Viewer, ref: RecordRef, q: string, kind?: RecordType): Promise<RecordSummary[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const out: RecordSummary[] = [];
  const want = (t: RecordType) => !kind || kind === t;
  const x = db();
  const asTarget = ref.type === "priority" || ref.type === "recommendation";
  const asSource = ref.type !== "priority";

  if (asSource && want("priority") && ref.type !== "priority") {
    const rows = await x
      .select({ id: priorities.id })
      .from(priorities)
      .where(q ? or(ilike(priorities.title, like), ilike(priorities.description, like)) : undefined)
      .orderBy(asc(priorities.position))
      .limit(CANDIDATE_LIMIT);
    for (const r of rows) out.push((await describeRecord(viewer, { type: "priority", id: r.id }))!);
  }
  if (asSource && want("recommendation") && ref.type !== "recommendation" && ref.type !== "document") {
    const rows = await x
      .select({ id: recommendations.id })
      .from(recommendations)
      .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
      .where(q ? or(ilike(recommendations.reference, like), ilike(recommendations.text, like), ilike(inspections.title, like)) : undefined)
      .orderBy(sql`${inspections.visitStartOn} desc nulls last`, asc(recommendations.position))
      .limit(CANDIDATE_LIMIT);
    for (const r of rows) out.push((await describeRecord(viewer, { type: "recommendation", id: r.id }))!);
  }
  if (asTarget) {
    if (want("agenda_item")) {
      const rows = await x
        .select({ id: agendaItem.id })
        .from(refTable(agendaItem))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(itemSeen(viewer), q ? or(ilike(agendaItem.title, like), ilike(meeting.title, like)) : undefined))
        .orderBy(sql`${meeting.startsAt} desc`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "agenda_item", id: r.id });
        if (d) out.push(d);
      }
    }
    if (want("question")) {
      const rows = await x
        .select({ id: question.id })
        .from(refTable(question))
        .innerJoin(...agendaItem.on(question.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(questionVisible(viewer), q ? ilike(question.text, like) : undefined))
        .orderBy(sql`${question.tabledOn} desc`, asc(question.position))
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "question", id: r.id });
        if (d) out.push(d);
      }
    }
    if (want("action")) {
      const rows = await x
        .select({ id: action.id })
        .from(refTable(action))
        .where(and(actionVisible(viewer), q ? or(ilike(action.description, like), ilike(sql`coalesce(${action.reference}, '')`, like)) : undefined))
        .orderBy(sql`${action.createdAt} desc`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "action", id: r.id });
        if (d) out.push(d);
      }
    }
    if (ref.type === "priority" && want("recommendation")) {
      const rows = await x
        .select({ id: recommendations.id })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(q ? or(ilike(recommendations.reference, like), ilike(recommendations.text, like), ilike(inspections.title, like)) : undefined)
        .orderBy(sql`${inspections.visitStartOn} desc nulls last`, asc(recommendations.position))
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) out.push((await describeRecord(viewer, { type: "recommendation", id: r.id }))!);
    }
    if (ref.type === "priority" && want("document")) {
      const rows = await x
        .select({ id: document.id })
        .from(refTable(document))
        .where(and(documentVisible(viewer), q ? ilike(document.title, like) : undefined))
        .orderBy(sql`${document.documentDate} desc nulls last`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "document", id: r.id });
        if (d) out.push(d);
      }
    }
  }
  return out.filter((c) => !(c.type === ref.type && c.id === ref.id)).slice(0, CANDIDATE_LIMIT);
}
