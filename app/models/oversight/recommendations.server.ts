/** A recommendation's own page: its trail of priorities, agenda items, actions and questions. */
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { agendaItemRecommendations, inspections, priorities, recommendationPriorities, recommendations } from "../../../db/schema/oversight";
import { actionRag, RAG_LABELS } from "../../rules/rag.server";
import { LINKED_WORK_RULE, recommendationState } from "../../rules/recommendation-state.server";
import { kindTerm } from "../../rules/source-terms.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionOverdue, QUESTION_STATUS_LABELS } from "../../rules/status.server";
import { questionVisible } from "../../rules/visibility.server";
import { trailActionRow, trailActions } from "./linked-work.server";
import { itemSeen, questionFacts, questionState } from "./links.server";
import { INSPECTION_KIND_LABELS, when } from "./inspections.server";
import { db } from "../../db.server";
import { describeDate, formatDate } from "../../rules/dates.server";
import { dateText } from "../../rules/date-precision.server";
import { recommendationStatus } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, meeting } from "../meetings/refs.server";
import { organisation, person } from "../people/refs.server";
import { action, question, questionRecommendationOfRecommendation } from "../questions/refs.server";

export async function getRecommendation(viewer: Viewer, id: string, now: Date = new Date()) {
  if (!isUuid(id)) return null;
  const metBy = alias(inspections, "met_by");
  const [r] = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      lead: recommendations.lead,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      closureEvidence: recommendations.closureEvidence,
      metFinding: recommendations.metFinding,
      metByInspectionId: recommendations.metByInspectionId,
      metBySlug: metBy.slug,
      metByTitle: metBy.title,
      inspectionId: inspections.id,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
      inspectionKind: inspections.kind,
      inspectionSourceNote: inspections.sourceNote,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .leftJoin(metBy, eq(metBy.id, recommendations.metByInspectionId))
    .where(eq(recommendations.id, id));
  if (!r) return null;

  const prios = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(recommendationPriorities)
    .innerJoin(priorities, eq(priorities.id, recommendationPriorities.priorityId))
    .where(eq(recommendationPriorities.recommendationId, id))
    .orderBy(asc(priorities.position));

  const items = await db()
    .select({ id: agendaItem.id, title: agendaItem.title, meetingSlug: meeting.slug, meetingTitle: meeting.title, startsAt: meeting.startsAt, datePrecision: meeting.datePrecision })
    .from(agendaItemRecommendations)
    .innerJoin(...agendaItem.on(agendaItemRecommendations.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(agendaItemRecommendations.recommendationId, id), itemSeen(viewer)))
    .orderBy(asc(meeting.startsAt));

  // Questions linked to the recommendation (linked work, app/rules/recommendation-state.server.ts).
  const linkedQuestionIds = (
    await db()
      .select({ id: questionRecommendationOfRecommendation.questionId })
      .from(refTable(questionRecommendationOfRecommendation))
      .where(eq(questionRecommendationOfRecommendation.recommendationId, id))
  ).map((q) => q.id);

  const as = await trailActions(viewer, or(eq(action.recommendationId, id), linkedQuestionIds.length > 0 ? inArray(action.questionId, linkedQuestionIds) : undefined));

  // Those questions, and those that prompted its actions.
  const promptIds = as.map((a) => a.questionId).filter((v): v is string => Boolean(v));
  const allIds = [...new Set([...linkedQuestionIds, ...promptIds])];
  const qs =
    allIds.length === 0
      ? []
      : await db()
          .select({
            id: question.id,
            text: question.text,
            acceptedAt: question.acceptedAt,
            rejectedAt: question.rejectedAt,
            closedAt: question.closedAt,
            sourceStatus: question.sourceStatus,
            sourceStatusNote: question.sourceStatusNote,
            dueOn: question.dueOn,
            tabledOn: question.tabledOn,
            datePrecision: question.tabledOnPrecision,
            askedBy: person.name,
            addressedTo: organisation.name,
          })
          .from(refTable(question))
          .innerJoin(...agendaItem.on(question.agendaItemId))
          .innerJoin(...meeting.on(agendaItem.meetingId))
          .innerJoin(...organisation.on(question.addressedToId))
          .leftJoin(...person.on(question.askedById))
          .where(and(inArray(question.id, allIds), questionVisible(viewer)))
          .orderBy(asc(question.tabledOn));
  const facts = await questionFacts(qs.map((q) => q.id));
  const questionRows = qs.map((q) => {
    const f = facts.get(q.id)!;
    const state = questionState(q, f, now);
    return {
      id: q.id,
      text: q.text,
      askedBy: q.askedBy,
      addressedTo: q.addressedTo,
      tabled: dateText(q.tabledOn, q.datePrecision),
      status: state.status,
      linked: linkedQuestionIds.includes(q.id),
      statusLabel: QUESTION_STATUS_LABELS[state.status],
      statusBasis: state.basis,
      overdue: state.overdue,
      responseHtml: f.currentResponse ? renderMarkdown(f.currentResponse.body) : null,
      responseKind: f.currentResponse?.kind ?? null,
      responseAttributionNote: f.currentResponse?.attributionNote ?? null,
    };
  });
  const shownQuestions = new Set(questionRows.map((q) => q.id));

  const status = recommendationStatus(r);
  const state = recommendationState(r, { actions: as, questions: questionRows.filter((q) => q.linked) }, now);
  const date = when(r);
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    text: r.text,
    lead: r.lead,
    dueOn: r.dueOn,
    due: r.dueOn ? formatDate(r.dueOn) : null,
    closed: r.closedAt ? formatDate(r.closedAt) : null,
    closureEvidence: r.closureEvidence,
    closureEvidenceHtml: renderMarkdown(r.closureEvidence),
    metFinding: r.metFinding,
    metBy: r.metBySlug ? { slug: r.metBySlug, title: r.metByTitle } : null,
    metByInspectionId: r.metByInspectionId,
    status,
    kindLabel: kindTerm(r.kind),
    statusLabel: state.progressLabel,
    statusBasis: state.basis,
    linkedWorkRule: LINKED_WORK_RULE,
    overdue: state.overdue,
    rag: state.rag,
    ragLabel: state.ragLabel,
    inspection: { id: r.inspectionId, slug: r.inspectionSlug, title: r.inspectionTitle, kindLabel: INSPECTION_KIND_LABELS[r.inspectionKind], date: date.text, sourceNote: r.inspectionSourceNote },
    priorities: prios,
    agendaItems: items.map((i) => ({ id: i.id, title: i.title, meetingSlug: i.meetingSlug, meetingTitle: i.meetingTitle, date: describeDate(i.startsAt, i.datePrecision).text })),
    actions: as.map((a) => {
      return {
        ...trailActionRow(a, now),
        promptedBy: a.questionId && shownQuestions.has(a.questionId) ? a.questionId : null,
        onLinkedQuestion: a.recommendationId !== r.id,
      };
    }),
    questions: questionRows,
  };
}
