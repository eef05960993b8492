/** The API's actions, with where each came from (a question's response, a minute, a recommendation). */
import { and, asc, count, eq, gte, sql, type SQL } from "drizzle-orm";
import { db } from "../../../db.server";
import { actionStatusBasis } from "../../../rules/action-status-basis.server";
import { statusBasisFields } from "../../../rules/status-basis.server";
import { actionStatus, isActionOverdue } from "../../../rules/status.server";
import { actionVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { currentFileIdOf, minute } from "../../meetings/refs.server";
import { action } from "../../questions/refs.server";
import { page, type ListParams } from "./envelope.server";
import { iso, viewer } from "./shared.server";

/** Actions the public may see, with the agenda item of a minute and the current file of the closure evidence. */
const actionColumns = refFields(action);

export function actionRows(where: SQL | undefined) {
  return db()
    .select({
      a: actionColumns,
      minuteItemId: minute.agendaItemId,
      evidenceFileId: currentFileIdOf(action.closureEvidenceDocumentId),
    })
    .from(refTable(action))
    .leftJoin(...minute.on(action.minuteId))
    .where(and(actionVisible(viewer), where))
    .orderBy(asc(action.dueOn), asc(action.id));
}

export function actionOut(site: string, { a, minuteItemId, evidenceFileId }: Awaited<ReturnType<typeof actionRows>>[number]) {
  return {
    id: a.id,
    reference: a.reference,
    description: a.description,
    origin: a.questionId ? "question" : a.minuteId ? "minute" : a.recommendationId ? "recommendation" : null,
    question_id: a.questionId,
    response_id: a.responseId,
    minute_id: a.minuteId,
    minute_agenda_item_id: minuteItemId,
    recommendation_id: a.recommendationId,
    due_on: a.dueOn,
    status: actionStatus(a),
    ...statusBasisFields(actionStatusBasis(actionStatus(a), isActionOverdue(a))),
    started_at: iso(a.startedAt),
    completed_at: iso(a.completedAt),
    closure_evidence: a.closureEvidence,
    closure_evidence_document_id: a.closureEvidenceDocumentId,
    closure_evidence_file_url: evidenceFileId ? `${site}/files/${evidenceFileId}` : null,
    cancelled_at: iso(a.cancelledAt),
    cancellation_reason: a.cancellationReason,
    organization_id: a.owningOrganisationId,
    url: `${site}/actions/${a.id}`,
    api_url: `${site}/api/v1/actions/${a.id}`,
  };
}

export async function listActionsApi(site: string, url: URL, p: ListParams) {
  const where = and(
    p.since ? gte(action.dueOn, p.since) : undefined,
    p.until ? sql`${action.dueOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(refTable(action)).where(and(actionVisible(viewer), where));
  const rows = await actionRows(where).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => actionOut(site, r)));
}

export async function getActionApi(site: string, id: string) {
  const [row] = await actionRows(eq(action.id, id));
  return row ? actionOut(site, row) : null;
}
