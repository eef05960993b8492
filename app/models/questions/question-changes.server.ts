/**
 * Writes to questions: raising, accepting or rejecting, editing, supplementary
 * questions, due-date changes and closure (responses and the actions they
 * agree are written in response-changes.server.ts). Each is one transaction,
 * checked against the transition rules (app/rules/question-transitions.server.ts),
 * recorded in the audit log, and queues its notifications in the same transaction.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { questionPriorities, questionRecommendations, questions } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { addWorkingDays } from "../../rules/deadlines.server";
import { afterTheFactDatesProblem, closedBusinessRefusal } from "../../rules/raising.server";
import {
  checkAccept,
  checkChangeDue,
  checkClose,
  checkEditQuestion,
  checkRaise,
  checkReject,
  checkSupplementary,
  type Refusal,
} from "../../rules/question-transitions.server";
import type { Viewer } from "../../rules/viewer.server";
import { recordAudit } from "../records";
import { refTable } from "../../utils/refs.server";
import { priority, recommendation } from "../oversight/refs.server";
import { organisation, person as personRecord } from "../people/refs.server";
import { notifyOrganisation, notifyPerson } from "../publishing";
import { isUuid, questionState, raisableAgendaItem } from "./questions.server";

export type SignedIn = Extract<Viewer, { kind: "user" }>;

export interface Actor {
  viewer: SignedIn;
  ipAddress: string | null;
  /** The site's address, for links in e-mails. */
  site: string;
  now?: Date;
}

/** A refusal or bad input: `field` is where the message goes; 403 when it is not theirs to do. */
export class QuestionError extends Error {
  constructor(
    message: string,
    public field: string,
    public status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

export function refuse(refusal: Refusal | null, field: string) {
  if (!refusal) return;
  throw new QuestionError(refusal.message, field, refusal.kind === "forbidden" ? 403 : 409);
}

export const audit = (tx: Executor, actor: Actor, entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }) =>
  recordAudit(tx, { userId: actor.viewer.userId, ipAddress: actor.ipAddress, ...entry });

export const who = (actor: Actor) => ({ userId: actor.viewer.userId, ipAddress: actor.ipAddress });

export async function loadState(tx: Executor, id: string) {
  const q = await questionState(tx, id);
  if (!q) throw new QuestionError("Question not found", "form", 404);
  return q;
}

export function excerpt(text: string) {
  return text.length > 80 ? `${text.slice(0, 78)}…` : text;
}

export interface NewQuestion {
  agendaItemId: string;
  text: string;
  addressedToId: string;
  priorityIds: string[];
  recommendationIds: string[];
  /** A clerk recording a question raised at the meeting, for this member. */
  onBehalfOfId?: string | null;
  parentQuestionId?: string | null;
  /** A clerk entering a question of a past meeting after the fact, with its true dates (docs/decisions/037). */
  afterTheFact?: { tabledOn: string; dueOn: string } | null;
}

/** Whether every id names a record of a ref (a priority, a recommendation), by its table and id field. */
async function checkIds(tx: Executor, table: PgTable, id: AnyPgColumn, ids: string[], field: string) {
  if (ids.length === 0) return;
  if (!ids.every(isUuid)) throw new QuestionError("Select from the list", field);
  const found = await tx.select({ id }).from(table).where(inArray(id, ids));
  if (found.length !== new Set(ids).size) throw new QuestionError("Select from the list", field);
}

/** Raises a question (a member), or records one raised at the meeting (a clerk, `onBehalfOfId`). */
export async function raiseQuestion(actor: Actor, input: NewQuestion) {
  const onBehalf = Boolean(input.onBehalfOfId);
  refuse(checkRaise(actor.viewer, { onBehalf }), onBehalf ? "askedById" : "text");
  const now = actor.now ?? new Date();
  const item = await raisableAgendaItem(actor.viewer, input.agendaItemId);
  if (!item) throw new QuestionError("Agenda item not found", "form", 404);
  if (!item.published) throw new QuestionError("Questions can be raised only on a published agenda item", "form", 409);
  if (item.isExempt) {
    throw new QuestionError("Questions can be raised only on items in the public part of the agenda", "form", 409);
  }
  const closed = closedBusinessRefusal({
    meetingDay: isoDay(item.startsAt),
    windowDays: item.questionWindowDays,
    now,
    byClerk: onBehalf,
    supplementary: Boolean(input.parentQuestionId),
  });
  if (closed) throw new QuestionError(closed, "text", 409);
  const afterTheFact = onBehalf ? (input.afterTheFact ?? null) : null;
  const datesProblem = afterTheFact && afterTheFactDatesProblem({ ...afterTheFact, now });
  if (datesProblem) throw new QuestionError(datesProblem.message, datesProblem.field);
  return db().transaction(async (tx) => {
    if (!isUuid(input.addressedToId)) throw new QuestionError("Select the organisation the question is addressed to", "addressedToId");
    const [org] = await tx.select({ id: organisation.id, kind: organisation.kind }).from(refTable(organisation)).where(eq(organisation.id, input.addressedToId));
    if (!org || org.kind === "inspectorate") throw new QuestionError("Select the organisation the question is addressed to", "addressedToId");
    await checkIds(tx, refTable(priority), priority.id, input.priorityIds, "priorityIds");
    await checkIds(tx, refTable(recommendation), recommendation.id, input.recommendationIds, "recommendationIds");
    let askedById = actor.viewer.personId;
    if (onBehalf) {
      if (!isUuid(input.onBehalfOfId)) throw new QuestionError("Select the member who asked", "askedById");
      const [person] = await tx.select({ id: personRecord.id }).from(refTable(personRecord)).where(eq(personRecord.id, input.onBehalfOfId));
      if (!person) throw new QuestionError("Select the member who asked", "askedById");
      askedById = person.id;
    }
    // Raised at the meeting: tabled on the meeting's day; otherwise today.
    // Entered after the fact: the dates the clerk gives, the due date perhaps past.
    const tabledOn = afterTheFact ? afterTheFact.tabledOn : onBehalf ? isoDay(item.startsAt) : isoDay(now);
    const dueOn = afterTheFact ? afterTheFact.dueOn : addWorkingDays(tabledOn, item.responseWorkingDays);
    const [q] = await tx
      .insert(questions)
      .values({
        agendaItemId: item.id,
        askedById,
        addressedToId: org.id,
        parentQuestionId: input.parentQuestionId ?? null,
        text: input.text,
        raisedAtMeeting: onBehalf,
        enteredAfterTheFact: afterTheFact !== null,
        tabledOn,
        // Raised at the meeting: as precise as the meeting's date; otherwise (or given by the clerk) exactly.
        tabledOnPrecision: onBehalf && !afterTheFact ? item.datePrecision : "exact",
        dueOn,
        submittedAt: now,
        acceptedAt: onBehalf ? now : null,
      })
      .returning();
    for (const priorityId of new Set(input.priorityIds)) await tx.insert(questionPriorities).values({ questionId: q.id, priorityId });
    for (const recommendationId of new Set(input.recommendationIds)) {
      await tx.insert(questionRecommendations).values({ questionId: q.id, recommendationId });
    }
    await audit(tx, actor, {
      action: "create",
      entityType: "question",
      entityId: q.id,
      after: { ...q, search: undefined, priorityIds: input.priorityIds, recommendationIds: input.recommendationIds },
    });
    if (onBehalf) {
      await audit(tx, actor, { action: "accept", entityType: "question", entityId: q.id, after: { acceptedAt: now } });
      await notifyAccepted(tx, actor, q.id, org.id, q.text, dueOn);
    }
    return q;
  });
}

async function notifyAccepted(tx: Executor, actor: Actor, questionId: string, organisationId: string, text: string, dueOn: string | null) {
  await notifyOrganisation(tx, who(actor), organisationId, {
    key: `question:${questionId}:accepted`,
    subject: `A question for your organisation: response due ${dueOn ? formatDate(dueOn) : "soon"}`,
    body: `A member's question has been accepted and is addressed to your organisation:\n\n"${text}"\n\nThe response is due by ${dueOn ? formatDate(dueOn) : "the date on the question"}. Respond here:\n${actor.site}/questions/${questionId}`,
  });
}

export async function editQuestion(actor: Actor, id: string, text: string) {
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkEditQuestion(actor.viewer, q), "text");
    await tx.update(questions).set({ text, updatedAt: actor.now ?? new Date() }).where(eq(questions.id, id));
    await audit(tx, actor, { action: "update", entityType: "question", entityId: id, before: { text: q.text }, after: { text } });
  });
}

export async function acceptQuestion(actor: Actor, id: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkAccept(actor.viewer, q), "accept");
    await tx.update(questions).set({ acceptedAt: now, updatedAt: now }).where(and(eq(questions.id, id), isNull(questions.acceptedAt)));
    await audit(tx, actor, { action: "accept", entityType: "question", entityId: id, before: { acceptedAt: null }, after: { acceptedAt: now } });
    await notifyAccepted(tx, actor, id, q.addressedToId, q.text, q.dueOn);
  });
}

export async function rejectQuestion(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkReject(actor.viewer, q), "rejectionReason");
    if (!reason.trim()) throw new QuestionError("Enter the reason the member will see", "rejectionReason");
    await tx.update(questions).set({ rejectedAt: now, rejectionReason: reason, updatedAt: now }).where(eq(questions.id, id));
    await audit(tx, actor, { action: "reject", entityType: "question", entityId: id, after: { rejectedAt: now, rejectionReason: reason } });
    await notifyPerson(tx, who(actor), q.askedById, {
      key: `question:${id}:rejected`,
      subject: "Your question was not accepted",
      body: `Your question "${excerpt(q.text)}" was not accepted. The clerk's reason:\n\n${reason}\n\n${actor.site}/questions/${id}`,
    });
  });
}

export async function askSupplementary(actor: Actor, id: string, text: string) {
  const q = await db().transaction((tx) => loadState(tx, id));
  refuse(checkSupplementary(actor.viewer, q), "supplementaryText");
  if (!text.trim()) throw new QuestionError("Enter your supplementary question", "supplementaryText");
  try {
    return await raiseQuestion(actor, {
      agendaItemId: q.agendaItemId,
      text,
      addressedToId: q.addressedToId,
      priorityIds: [],
      recommendationIds: [],
      parentQuestionId: id,
    });
  } catch (error) {
    if (error instanceof QuestionError && error.field === "text") throw new QuestionError(error.message, "supplementaryText", error.status);
    throw error;
  }
}

export async function changeDueDate(actor: Actor, id: string, input: { dueOn: string; reason: string }) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkChangeDue(actor.viewer, q), "dueOn");
    if (input.dueOn < q.tabledOn) {
      throw new QuestionError(`The due date must be on or after the date the question was tabled (${formatDate(q.tabledOn)})`, "dueOn");
    }
    if (!input.reason.trim()) throw new QuestionError("Enter the reason for changing the due date", "dueChangeReason");
    await tx.update(questions).set({ dueOn: input.dueOn, dueChangeReason: input.reason, updatedAt: now }).where(eq(questions.id, id));
    await audit(tx, actor, {
      action: "update",
      entityType: "question",
      entityId: id,
      before: { dueOn: q.dueOn, dueChangeReason: q.dueChangeReason },
      after: { dueOn: input.dueOn, dueChangeReason: input.reason },
    });
  });
}

export async function closeQuestion(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkClose(actor.viewer, q), "closureReason");
    if (!reason.trim()) throw new QuestionError("Enter the reason for closing the question", "closureReason");
    await tx.update(questions).set({ closedAt: now, closureReason: reason, updatedAt: now }).where(eq(questions.id, id));
    await audit(tx, actor, { action: "close", entityType: "question", entityId: id, before: { closedAt: null }, after: { closedAt: now, closureReason: reason } });
  });
}
