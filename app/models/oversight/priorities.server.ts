/**
 * Strategic priorities and their whole trail: agenda items and minutes,
 * questions and their status, actions and their progress, inspection
 * recommendations, with open / overdue / closed counts and actions over time.
 * Priorities themselves are public; what is linked to them is filtered by the
 * visibility rules.
 */
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { agendaItemPriorities, documentPriorities, inspections, priorities, recommendationPriorities, recommendations } from "../../../db/schema/oversight";
import { db, type Executor } from "../../db.server";
import { describeDate, formatDate } from "../../rules/dates.server";
import { dateText } from "../../rules/date-precision.server";
import { actionsOverTime, countTrail, actionRag, actionRagBasis, RAG_LABELS } from "../../rules/rag.server";
import { recommendationState } from "../../rules/recommendation-state.server";
import { kindTerm } from "../../rules/source-terms.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionOverdue, QUESTION_STATUS_LABELS } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { documentVisible, minutesVisible, questionVisible } from "../../rules/visibility.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { fromWhere, joinClause, refTable } from "../../utils/refs.server";
import { agendaItem, document, meeting, minuteOfItem } from "../meetings/refs.server";
import { organisation } from "../people/refs.server";
import { action, actionPriorityOfPriority, question, questionPriorityOfPriority } from "../questions/refs.server";
import { recordAudit } from "../records";
import { linkedWork, trailActions } from "./linked-work.server";
import { itemSeen, questionFacts, questionState } from "./links.server";

export async function listPriorities(viewer: Viewer) {
  const rows = await db()
    .select({
      slug: priorities.slug,
      title: priorities.title,
      description: priorities.description,
      organisation: organisation.name,
      itemCount: sql<number>`(
        select count(*)::int from ${agendaItemPriorities}
        ${joinClause(agendaItem.on(agendaItemPriorities.agendaItemId))}
        ${joinClause(meeting.on(agendaItem.meetingId))}
        where ${agendaItemPriorities.priorityId} = ${priorities.id}
          and ${itemSeen(viewer)}
      )`,
      recommendationCount: sql<number>`(select count(*)::int from ${recommendationPriorities} where ${recommendationPriorities.priorityId} = ${priorities.id})`,
    })
    .from(priorities)
    .leftJoin(...organisation.on(priorities.organisationId))
    .orderBy(asc(priorities.position), asc(priorities.title));
  return rows.map((r) => ({
    ...r,
    itemCount: Number(r.itemCount),
    recommendationCount: Number(r.recommendationCount),
    descriptionHtml: renderMarkdown(r.description),
  }));
}

export async function findPriority(slug: string) {
  const [p] = await db().select().from(priorities).where(eq(priorities.slug, slug));
  return p ?? null;
}

export async function getPriority(viewer: Viewer, slug: string, now: Date = new Date()) {
  const [p] = await db()
    .select({
      id: priorities.id,
      slug: priorities.slug,
      title: priorities.title,
      description: priorities.description,
      owner: priorities.owner,
      sourceNote: priorities.sourceNote,
      organisation: organisation.name,
    })
    .from(priorities)
    .leftJoin(...organisation.on(priorities.organisationId))
    .where(eq(priorities.slug, slug));
  if (!p) return null;

  // Agenda items (and their minutes).
  const items = await db()
    .select({
      id: agendaItem.id,
      title: agendaItem.title,
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      startsAt: meeting.startsAt,
      datePrecision: meeting.datePrecision,
      hasMinute: sql<boolean>`exists (select 1 ${fromWhere(minuteOfItem.on(agendaItem.id))}) and ${minutesVisible(viewer)}`,
    })
    .from(agendaItemPriorities)
    .innerJoin(...agendaItem.on(agendaItemPriorities.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(agendaItemPriorities.priorityId, p.id), itemSeen(viewer)))
    .orderBy(sql`${meeting.startsAt} desc`);
  const itemIds = items.map((i) => i.id);

  // Recommendations linked to the priority.
  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      metByInspectionId: recommendations.metByInspectionId,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
    })
    .from(recommendationPriorities)
    .innerJoin(recommendations, eq(recommendations.id, recommendationPriorities.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendationPriorities.priorityId, p.id))
    .orderBy(sql`${inspections.visitStartOn} asc nulls last`, asc(recommendations.position));
  const recIds = recs.map((r) => r.id);

  // Questions linked directly, or raised on a linked agenda item.
  const directQuestionIds = new Set(
    (
      await db()
        .select({ id: questionPriorityOfPriority.questionId })
        .from(refTable(questionPriorityOfPriority))
        .where(eq(questionPriorityOfPriority.priorityId, p.id))
    ).map((r) => r.id),
  );
  const qs = await db()
    .select({
      id: question.id,
      text: question.text,
      agendaItemId: question.agendaItemId,
      agendaItemTitle: agendaItem.title,
      acceptedAt: question.acceptedAt,
      rejectedAt: question.rejectedAt,
      closedAt: question.closedAt,
      sourceStatus: question.sourceStatus,
      sourceStatusNote: question.sourceStatusNote,
      dueOn: question.dueOn,
      tabledOn: question.tabledOn,
      datePrecision: question.tabledOnPrecision,
      addressedTo: organisation.name,
    })
    .from(refTable(question))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...organisation.on(question.addressedToId))
    .where(
      and(
        questionVisible(viewer),
        or(
          directQuestionIds.size > 0 ? inArray(question.id, [...directQuestionIds]) : sql`false`,
          itemIds.length > 0 ? inArray(question.agendaItemId, itemIds) : sql`false`,
        ),
      ),
    )
    .orderBy(sql`${question.tabledOn} desc`, asc(question.position));
  const qFacts = await questionFacts(qs.map((q) => q.id));
  const questionRows = qs.map((q) => {
    const state = questionState(q, qFacts.get(q.id)!, now);
    return {
      id: q.id,
      text: q.text,
      agendaItem: { id: q.agendaItemId, title: q.agendaItemTitle },
      addressedTo: q.addressedTo,
      tabled: dateText(q.tabledOn, q.datePrecision),
      linked: directQuestionIds.has(q.id),
      how: directQuestionIds.has(q.id) ? "Linked to this priority" : "Raised on a linked agenda item",
      status: state.status,
      statusLabel: QUESTION_STATUS_LABELS[state.status],
      statusBasis: state.basis,
      overdue: state.overdue,
    };
  });
  const questionIds = qs.map((q) => q.id);
  const linkedQuestionIds = qs.filter((q) => directQuestionIds.has(q.id)).map((q) => q.id);

  // The work answering the linked recommendations (app/rules/recommendation-state.server.ts).
  const recWork = await linkedWork(viewer, recIds, now);
  const recWorkActionIds = [...recWork.values()].flatMap((w) => w.actions.map((a) => a.id));

  // Actions linked directly, on a shown question, or answering a linked recommendation.
  const directActionIds = (
    await db()
      .select({ id: actionPriorityOfPriority.actionId })
      .from(refTable(actionPriorityOfPriority))
      .where(eq(actionPriorityOfPriority.priorityId, p.id))
  ).map((r) => r.id);
  const as = await trailActions(
    viewer,
    or(
      directActionIds.length > 0 ? inArray(action.id, directActionIds) : sql`false`,
      questionIds.length > 0 ? inArray(action.questionId, questionIds) : sql`false`,
      recIds.length > 0 ? inArray(action.recommendationId, recIds) : sql`false`,
      recWorkActionIds.length > 0 ? inArray(action.id, recWorkActionIds) : sql`false`,
    ),
    [asc(action.dueOn), asc(action.createdAt)],
  );

  // Documents (annual reviews) linked to the priority.
  const docs = await db()
    .select({ slug: document.slug, title: document.title, kind: document.kind })
    .from(documentPriorities)
    .innerJoin(...document.on(documentPriorities.documentId))
    .where(and(eq(documentPriorities.priorityId, p.id), documentVisible(viewer)))
    .orderBy(sql`${document.documentDate} desc nulls last`);

  // What is linked to the priority (directly, or as the work answering a linked
  // recommendation), apart from what is only on an agenda item linked to it.
  const linkedActionIds = new Set([
    ...directActionIds,
    ...recWorkActionIds,
    ...as.filter((a) => (a.questionId && linkedQuestionIds.includes(a.questionId)) || (a.recommendationId && recIds.includes(a.recommendationId))).map((a) => a.id),
  ]);
  const recStates = new Map(recs.map((r) => [r.id, recommendationState(r, recWork.get(r.id), now)]));
  const counts = countTrail(
    {
      questions: questionRows.filter((q) => q.linked),
      actions: as.filter((a) => linkedActionIds.has(a.id)),
      recommendations: [...recStates.values()],
    },
    now,
  );
  const itemCounts = countTrail({ questions: questionRows.filter((q) => !q.linked), actions: as.filter((a) => !linkedActionIds.has(a.id)), recommendations: [] }, now);
  const chart = actionsOverTime(as, now);

  return {
    ...p,
    descriptionHtml: renderMarkdown(p.description),
    counts,
    itemCounts,
    chart,
    documents: docs.map((d) => ({ ...d, href: d.kind === "annual_review" ? `/annual-reviews/${d.slug}` : `/documents/${d.slug}` })),
    agendaItems: items.map((i) => ({
      id: i.id,
      title: i.title,
      meetingSlug: i.meetingSlug,
      meetingTitle: i.meetingTitle,
      hasMinute: Boolean(i.hasMinute),
      date: describeDate(i.startsAt, i.datePrecision).text,
    })),
    questions: questionRows,
    actions: as.map((a) => {
      const s = actionStatus(a);
      const rag = actionRag(a, now);
      return {
        id: a.id,
        reference: a.reference,
        description: a.description,
        questionId: a.questionId,
        recommendationId: a.recommendationId,
        lead: a.owner ?? a.organisation,
        due: formatDate(a.dueOn),
        status: ACTION_STATUS_LABELS[s],
        overdue: isActionOverdue(a, now),
        rag,
        ragLabel: RAG_LABELS[rag],
        statusBasis: actionRagBasis(a, now),
        linked: linkedActionIds.has(a.id),
      };
    }),
    recommendations: recs.map((r) => {
      const state = recStates.get(r.id)!;
      return {
        id: r.id,
        reference: r.reference,
        kindLabel: kindTerm(r.kind),
        text: r.text,
        inspectionSlug: r.inspectionSlug,
        inspectionTitle: r.inspectionTitle,
        status: state.progressLabel,
        statusBasis: state.basis,
        open: !state.done,
        overdue: state.overdue,
        rag: state.rag,
        ragLabel: state.ragLabel,
      };
    }),
  };
}

export interface PriorityEdit {
  title: string;
  description: string;
  owner: string;
}

export async function updatePriority(tx: Executor, actor: { userId: string; ipAddress?: string | null }, id: string, edit: PriorityEdit) {
  const [before] = await tx.select().from(priorities).where(eq(priorities.id, id));
  if (!before) return null;
  const [after] = await tx
    .update(priorities)
    .set({ title: edit.title, description: edit.description, owner: edit.owner || null, updatedAt: new Date() })
    .where(eq(priorities.id, id))
    .returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "priority",
    entityId: id,
    before: { title: before.title, description: before.description, owner: before.owner },
    after: { title: after.title, description: after.description, owner: after.owner },
    ipAddress: actor.ipAddress ?? null,
  });
  return after;
}
