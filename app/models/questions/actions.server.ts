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
import {
  actions,
  actionUpdates,
  agendaItems,
  auditLog,
  bodies,
  documentFiles,
  documents,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  questions,
  recommendations,
  users,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import type { ActionState } from "../../rules/question-transitions.server";
import { ACTION_STATUS_LABELS, actionDaysLate, actionStatus, daysOpen, isActionOverdue } from "../../rules/status.server";
import { actionVisible, agendaItemTitleSeen, agendaItemVisible, documentVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { fileTypeLabel, formatBytes } from "../meetings";
import { cancellationRequestsFor, cancellationTimeline } from "./action-cancellations.server";
import { actionOrigin, actionOriginColumns } from "./action-origins.server";
import { actionHeading } from "./action-register.server";
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
      organisation: organisations.name,
      owner: people.name,
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(and(eq(actions.id, id), actionVisible(viewer)));
  if (!a) return null;
  const notes = await db()
    .select({ id: actionUpdates.id, note: actionUpdates.note, createdAt: actionUpdates.createdAt, who: users.name })
    .from(actionUpdates)
    .leftJoin(users, eq(users.id, actionUpdates.authorId))
    .where(eq(actionUpdates.actionId, id))
    .orderBy(asc(actionUpdates.createdAt));
  const trail = await db()
    .select({ action: auditLog.action, who: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entityType, "action"), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));
  const by = (action: string) => trail.find((t) => t.action === action)?.who ?? null;
  // The question and the minute as the viewer may see them (an officer sees every action their organisation owns).
  const [question] = a.questionId
    ? await db()
        .select({
          id: questions.id,
          text: questions.text,
          agendaItemId: questions.agendaItemId,
          agendaItemTitle: sql<string | null>`${agendaItemTitleSeen(viewer)}`,
          meetingSlug: meetings.slug,
          meetingTitle: meetings.title,
        })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(questions.id, a.questionId), questionVisible(viewer)))
    : [];
  const [recommendation] = a.recommendationId
    ? await db()
        .select({ id: recommendations.id, reference: recommendations.reference, text: recommendations.text, inspectionSlug: inspections.slug, inspection: inspections.title })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(eq(recommendations.id, a.recommendationId))
    : [];
  const [minute] = a.minuteId
    ? await db()
        .select({ agendaItemId: agendaItems.id, title: sql<string>`${agendaItemTitleSeen(viewer)}`, meeting: meetings.title, meetingSlug: meetings.slug, body: bodies.name })
        .from(minutes)
        .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(minutes.id, a.minuteId), agendaItemVisible(viewer)))
    : [];
  // The closure evidence document's current file (seen with the action: app/rules/visibility.server.ts).
  const [evidenceFile] = a.evidenceDocumentId
    ? await db()
        .select({ id: documentFiles.id, fileName: documentFiles.fileName, mediaType: documentFiles.mediaType, byteSize: documentFiles.byteSize, slug: documents.slug })
        .from(documentFiles)
        .innerJoin(documents, eq(documents.id, documentFiles.documentId))
        .where(and(eq(documentFiles.documentId, a.evidenceDocumentId), isNull(documentFiles.supersededAt), documentVisible(viewer)))
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
