/**
 * Follow-up actions: created from a response, a minute or a recommendation,
 * tracked to completion (with closure evidence) or cancellation. An action is
 * visible to whoever may see what it came from: its question, its minute, or
 * (public) its inspection recommendation. Here: one action as the viewer may
 * see it; the register is in action-register.server.ts, the writes in
 * action-changes.server.ts.
 */
import { actionStatusBasis } from "../../rules/action-status-basis.server";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { actions, actionUpdates, questions } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import type { ActionState } from "../../rules/question-transitions.server";
import { ACTION_STATUS_LABELS, actionDaysLate, actionStatus, daysOpen, isActionOverdue } from "../../rules/status.server";
import { actionVisible, agendaItemTitleSeen, agendaItemVisible, documentVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { fileTypeLabel, formatBytes } from "../meetings";
import { agendaItem, document, documentFileOfDocument, meeting, minute as minuteRef } from "../meetings/refs.server";
import { inspection, recommendation as recommendationRef } from "../oversight/refs.server";
import { body, organisation, person, user } from "../people/refs.server";
import { auditEntryOf } from "../records/refs.server";
import { cancellationRequestsFor, cancellationTimeline } from "./action-cancellations.server";
import { actionOrigin, actionOriginColumns } from "./action-origins.server";
import { actionHeading } from "./action-register.server";
import { chaseLabel, chasesOf } from "./chases.server";
import { isUuid } from "./questions.server";

export async function actionState(executor: Executor, id: string): Promise<(ActionState & { id: string; description: string }) | null> {
  if (!isUuid(id)) return null;
  const [a] = await executor.select().from(actions).where(eq(actions.id, id));
  return a ?? null;
}

export async function getAction(viewer: Viewer, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [a] = await db()
    .select({
      id: actions.id,
      reference: actions.reference,
      description: actions.description,
      dueOn: actions.dueOn,
      createdAt: actions.createdAt,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      closureEvidence: actions.closureEvidence,
      cancelledAt: actions.cancelledAt,
      cancellationReason: actions.cancellationReason,
      ...actionOriginColumns(viewer),
      evidenceDocumentId: actions.closureEvidenceDocumentId,
      owningOrganisationId: actions.owningOrganisationId,
      ownerId: actions.ownerId,
      organisation: organisation.name,
      owner: person.name,
    })
    .from(actions)
    .innerJoin(...organisation.on(actions.owningOrganisationId))
    .leftJoin(...person.on(actions.ownerId))
    .where(and(eq(actions.id, id), actionVisible(viewer)));
  if (!a) return null;
  const notes = await db()
    .select({ id: actionUpdates.id, note: actionUpdates.note, createdAt: actionUpdates.createdAt, who: user.name })
    .from(actionUpdates)
    .leftJoin(...user.on(actionUpdates.authorId))
    .where(eq(actionUpdates.actionId, id))
    .orderBy(asc(actionUpdates.createdAt));
  const trail = await db()
    .select({ action: auditEntryOf.action, who: user.name })
    .from(refTable(auditEntryOf))
    .leftJoin(...user.on(auditEntryOf.userId))
    .where(and(eq(auditEntryOf.entityType, "action"), eq(auditEntryOf.entityId, id)))
    .orderBy(asc(auditEntryOf.id));
  const by = (action: string) => trail.find((t) => t.action === action)?.who ?? null;
  // The question and the minute as the viewer may see them (an officer sees every action their organisation owns).
  const [question] = a.questionId
    ? await db()
        .select({
          id: questions.id,
          text: questions.text,
          agendaItemId: questions.agendaItemId,
          agendaItemTitle: sql<string | null>`${agendaItemTitleSeen(viewer)}`,
          meetingSlug: meeting.slug,
          meetingTitle: meeting.title,
        })
        .from(questions)
        .innerJoin(...agendaItem.on(questions.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(questions.id, a.questionId), questionVisible(viewer)))
    : [];
  const [recommendation] = a.recommendationId
    ? await db()
        .select({ id: recommendationRef.id, reference: recommendationRef.reference, text: recommendationRef.text, inspectionSlug: inspection.slug, inspection: inspection.title })
        .from(refTable(recommendationRef))
        .innerJoin(...inspection.on(recommendationRef.inspectionId))
        .where(eq(recommendationRef.id, a.recommendationId))
    : [];
  const [minute] = a.minuteId
    ? await db()
        .select({ agendaItemId: agendaItem.id, title: sql<string>`${agendaItemTitleSeen(viewer)}`, meeting: meeting.title, meetingSlug: meeting.slug, body: body.name })
        .from(refTable(minuteRef))
        .innerJoin(...agendaItem.on(minuteRef.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .innerJoin(...body.on(meeting.bodyId))
        .where(and(eq(minuteRef.id, a.minuteId), agendaItemVisible(viewer)))
    : [];
  // The closure evidence document's current file (seen with the action: app/rules/visibility.server.ts).
  const [evidenceFile] = a.evidenceDocumentId
    ? await db()
        .select({
          id: documentFileOfDocument.id,
          fileName: documentFileOfDocument.fileName,
          mediaType: documentFileOfDocument.mediaType,
          byteSize: documentFileOfDocument.byteSize,
          slug: document.slug,
        })
        .from(refTable(documentFileOfDocument))
        .innerJoin(...document.on(documentFileOfDocument.documentId))
        .where(and(eq(documentFileOfDocument.documentId, a.evidenceDocumentId), isNull(documentFileOfDocument.supersededAt), documentVisible(viewer)))
    : [];
  const status = actionStatus(a);
  const dt = (d: Date) => ({ at: d.toISOString(), date: formatDate(d) });
  const timeline = [
    { ...dt(a.createdAt), label: `Action agreed, due ${formatDate(a.dueOn)}`, who: by("create"), html: undefined as string | undefined },
    ...(a.startedAt ? [{ ...dt(a.startedAt), label: "Started", who: by("start"), html: undefined }] : []),
    ...notes.map((n) => ({ ...dt(n.createdAt), label: "Progress", who: n.who, html: renderMarkdown(n.note) })),
    ...(a.completedAt ? [{ ...dt(a.completedAt), label: "Completed", who: by("complete"), html: renderMarkdown(a.closureEvidence ?? "") }] : []),
    ...(a.cancelledAt ? [{ ...dt(a.cancelledAt), label: "Cancelled", who: by("cancel"), html: renderMarkdown(a.cancellationReason ?? "") }] : []),
    ...cancellationTimeline(await cancellationRequestsFor([a.id])),
    ...(await chasesOf([], [a.id])).map((c) => ({ ...dt(c.createdAt), label: chaseLabel(c), who: null, html: undefined })),
  ].sort((x, y) => x.at.localeCompare(y.at));
  return {
    ...actionHeading(a),
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    statusBasis: actionStatusBasis(status, isActionOverdue(a, now)),
    overdue: isActionOverdue(a, now),
    daysLate: actionDaysLate(a, now),
    daysOpen: daysOpen(a.createdAt.toISOString().slice(0, 10), a.completedAt ?? a.cancelledAt, now),
    closureEvidenceHtml: a.closureEvidence ? renderMarkdown(a.closureEvidence) : null,
    evidenceFile: evidenceFile
      ? { id: evidenceFile.id, fileName: evidenceFile.fileName, type: fileTypeLabel(evidenceFile.mediaType), size: formatBytes(evidenceFile.byteSize), documentSlug: evidenceFile.slug }
      : null,
    origin: actionOrigin(a),
    owningOrganisationId: a.owningOrganisationId,
    cancellationReason: a.cancellationReason,
    question: question ?? null,
    recommendation: recommendation ?? null,
    minute: minute ?? null,
    timeline,
  };
}
