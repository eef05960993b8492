/** Writes to actions: starting, progress notes, completion, new actions from a minute or a recommendation, cancellation and requests to cancel. */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { actionCancellationRequests, actionPriorities, actions, actionUpdates } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import { isoDay } from "../../rules/dates.server";
import {
  checkCancelAction,
  checkCompleteAction,
  checkCreateAction,
  checkDecideCancellation,
  checkRequestCancellation,
  checkProgressNote,
  checkStartAction,
} from "../../rules/question-transitions.server";
import type { Viewer } from "../../rules/viewer.server";
import { refTable } from "../../utils/refs.server";
import { priority } from "../oversight/refs.server";
import { organisation, person } from "../people/refs.server";
import { recordAudit } from "../records";
import { createEvidenceDocument } from "../meetings";
import { QuestionError, refuse, type Actor } from "./question-changes.server";
import { insertAction } from "./response-changes.server";
import { clip, newActionOrigin, type NewActionOriginRef } from "./action-origins.server";
import { actionState } from "./actions.server";
import { isUuid } from "./questions.server";

async function loadAction(tx: Executor, id: string) {
  const a = await actionState(tx, id);
  if (!a) throw new QuestionError("Action not found", "form", 404);
  return a;
}

const audit = (tx: Executor, actor: Actor, entry: { action: string; entityId: string; before?: unknown; after?: unknown }) =>
  recordAudit(tx, { userId: actor.viewer.userId, ipAddress: actor.ipAddress, entityType: "action", ...entry });

export async function startAction(actor: Actor, id: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkStartAction(actor.viewer, a), "start");
    await tx.update(actions).set({ startedAt: now, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "start", entityId: id, before: { startedAt: null }, after: { startedAt: now } });
  });
}

export async function addProgressNote(actor: Actor, id: string, note: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkProgressNote(actor.viewer, a), "note");
    if (!note.trim()) throw new QuestionError("Enter the progress note", "note");
    const [row] = await tx.insert(actionUpdates).values({ actionId: id, note, authorId: actor.viewer.userId, createdAt: now }).returning();
    await audit(tx, actor, { action: "update", entityId: id, after: { progressNoteId: row.id, note } });
  });
}

/**
 * Completes an action with its closure evidence: text, an uploaded document, or
 * both (checked as every upload is: type by content, at most 20 MB). The
 * document is stored in the same transaction; nothing is kept if anything fails.
 */
export async function completeAction(actor: Actor, id: string, evidence: string, file: { name: string; bytes: Uint8Array } | null = null) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCompleteAction(actor.viewer, a, evidence, file !== null), "closureEvidence");
    const stored = file
      ? await createEvidenceDocument(tx, { userId: actor.viewer.userId, ipAddress: actor.ipAddress }, {
          title: `Closure evidence: ${clip(a.description, 80)}`,
          organisationId: a.owningOrganisationId,
          file,
          field: "evidenceFile",
          now,
        })
      : null;
    const documentId = stored?.document.id ?? null;
    await tx.update(actions).set({ completedAt: now, closureEvidence: evidence, closureEvidenceDocumentId: documentId, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, {
      action: "complete",
      entityId: id,
      before: { completedAt: null },
      after: { completedAt: now, closureEvidence: evidence, closureEvidenceDocumentId: documentId },
    });
  });
}

/** The choices on the new-action form: organisations (an officer only their own), their people, priorities. */
export async function newActionChoices(viewer: Viewer) {
  const own = viewer.kind === "user" && viewer.role === "officer" ? viewer.organisationId : null;
  const orgs = await db()
    .select({ id: organisation.id, name: organisation.name })
    .from(refTable(organisation))
    .where(own ? eq(organisation.id, own) : undefined)
    .orderBy(asc(organisation.name));
  const staff = await db()
    .select({ id: person.id, name: person.name, organisation: organisation.name })
    .from(refTable(person))
    .innerJoin(...organisation.on(person.organisationId))
    .where(own ? eq(person.organisationId, own) : undefined)
    .orderBy(asc(organisation.name), asc(person.name));
  const prios = await db().select({ id: priority.id, title: priority.title }).from(refTable(priority)).orderBy(asc(priority.position));
  return {
    organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
    people: staff.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` })),
    priorities: prios.map((p) => ({ value: p.id, label: p.title })),
  };
}

export interface NewActionInput {
  origin: NewActionOriginRef;
  description: string;
  dueOn: string;
  owningOrganisationId: string;
  ownerId: string | null;
  priorityIds: string[];
}

/**
 * Creates an action from a minute or a recommendation: one transaction, with
 * the audit log and the owner's e-mail. Refused with a message beside the field:
 * a due date before today, an unknown organisation, an owner who is not in the
 * owning organisation, an unknown priority.
 */
export async function createAction(actor: Actor, input: NewActionInput) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const origin = await newActionOrigin(tx, actor.viewer, input.origin);
    if (!origin) throw new QuestionError("The minute or recommendation was not found", "form", 404);
    refuse(checkCreateAction(actor.viewer, origin.check, null), "form");
    if (!input.description.trim()) throw new QuestionError("Describe the action", "description");
    if (input.dueOn < isoDay(now)) throw new QuestionError("The due date must be today or later", "dueOn");
    const [org] = isUuid(input.owningOrganisationId)
      ? await tx.select({ id: organisation.id }).from(refTable(organisation)).where(eq(organisation.id, input.owningOrganisationId))
      : [];
    if (!org) throw new QuestionError("Select the owning organisation from the list", "owningOrganisationId");
    refuse(checkCreateAction(actor.viewer, origin.check, org.id), "owningOrganisationId");
    if (input.ownerId) {
      const [owner] = isUuid(input.ownerId) ? await tx.select({ organisationId: person.organisationId }).from(refTable(person)).where(eq(person.id, input.ownerId)) : [];
      if (!owner) throw new QuestionError("Select the owner from the list", "ownerId");
      if (owner.organisationId !== org.id) throw new QuestionError("The owner must work for the owning organisation", "ownerId");
    }
    const priorityIds = [...new Set(input.priorityIds)];
    if (priorityIds.length) {
      const found = priorityIds.every(isUuid) ? await tx.select({ id: priority.id }).from(refTable(priority)).where(inArray(priority.id, priorityIds)) : [];
      if (found.length !== priorityIds.length) throw new QuestionError("Select priorities from the list", "priorityIds");
    }
    const row = await insertAction(tx, actor, {
      description: input.description,
      dueOn: input.dueOn,
      ownerId: input.ownerId,
      owningOrganisationId: org.id,
      minuteId: input.origin.kind === "minute" ? input.origin.id : null,
      recommendationId: input.origin.kind === "recommendation" ? input.origin.id : null,
    });
    for (const priorityId of priorityIds) {
      await tx.insert(actionPriorities).values({ actionId: row.id, priorityId });
      await recordAudit(tx, {
        userId: actor.viewer.userId,
        ipAddress: actor.ipAddress,
        action: "create",
        entityType: "link",
        entityId: row.id,
        after: { source: `action:${row.id}`, target: `priority:${priorityId}` },
      });
    }
    return row;
  });
}

export async function cancelAction(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCancelAction(actor.viewer, a, reason), "cancellationReason");
    // A clerk cancelling while a request waits answers the request too.
    await tx
      .update(actionCancellationRequests)
      .set({ decision: "confirmed", decidedById: actor.viewer.userId, decidedAt: now })
      .where(and(eq(actionCancellationRequests.actionId, id), isNull(actionCancellationRequests.decidedAt)));
    await tx.update(actions).set({ cancelledAt: now, cancellationReason: reason, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "cancel", entityId: id, before: { cancelledAt: null }, after: { cancelledAt: now, cancellationReason: reason } });
  });
}

// ---------------------------------------------------------------------------
// Cancelling an action the board agreed in a minute: a request the clerk
// confirms or refuses (docs/decisions/014-cancelling-a-board-agreed-action.md)
// ---------------------------------------------------------------------------

async function pendingCancellation(tx: Executor, actionId: string) {
  const [row] = await tx
    .select()
    .from(actionCancellationRequests)
    .where(and(eq(actionCancellationRequests.actionId, actionId), isNull(actionCancellationRequests.decidedAt)))
    .for("update");
  return row ?? null;
}

/** The owning organisation asks the clerk to cancel a board-agreed action; the action stays open meanwhile. */
export async function requestCancellation(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    await tx.select({ id: actions.id }).from(actions).where(eq(actions.id, id)).for("update");
    const pending = await pendingCancellation(tx, id);
    refuse(checkRequestCancellation(actor.viewer, a, reason, pending !== null), "cancellationReason");
    const [row] = await tx
      .insert(actionCancellationRequests)
      .values({ actionId: id, reason, requestedById: actor.viewer.userId, requestedAt: now })
      .returning();
    await audit(tx, actor, { action: "request_cancel", entityId: id, after: { requestId: row.id, reason } });
    return row;
  });
}

/** The clerk confirms (the action is cancelled, with the request's reason) or refuses (with a reason) a waiting request. */
export async function decideCancellation(actor: Actor, id: string, decision: "confirmed" | "refused", note: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    await tx.select({ id: actions.id }).from(actions).where(eq(actions.id, id)).for("update");
    const pending = await pendingCancellation(tx, id);
    refuse(checkDecideCancellation(actor.viewer, a, decision, note, pending !== null), "decisionNote");
    const request = pending!;
    await tx
      .update(actionCancellationRequests)
      .set({ decision, decisionNote: note.trim() || null, decidedById: actor.viewer.userId, decidedAt: now })
      .where(eq(actionCancellationRequests.id, request.id));
    if (decision === "confirmed") {
      const reason = note.trim() ? `${request.reason}\n\n${note.trim()}` : request.reason;
      await tx.update(actions).set({ cancelledAt: now, cancellationReason: reason, updatedAt: now }).where(eq(actions.id, id));
      await audit(tx, actor, {
        action: "cancel",
        entityId: id,
        before: { cancelledAt: null },
        after: { cancelledAt: now, cancellationReason: reason, requestId: request.id },
      });
    } else {
      await audit(tx, actor, { action: "refuse_cancel", entityId: id, after: { requestId: request.id, note: note.trim() } });
    }
  });
}
