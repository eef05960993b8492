/**
 * Writes to responses and the actions they agree: responding (holding, full,
 * with a follow-up action), correcting a response, the member marking the
 * answer satisfactory, and a clerk adding an action to a question. Checked,
 * audited and notified as in question-changes.server.ts.
 */
import { eq } from "drizzle-orm";
import { actions, responses } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { checkAddAction, checkCorrect, checkMarkSatisfactory, checkRespond } from "../../rules/question-transitions.server";
import { refTable } from "../../utils/refs.server";
import { person } from "../people/refs.server";
import { notifyPerson } from "../publishing";
import { audit, excerpt, loadState, QuestionError, refuse, who, type Actor } from "./question-changes.server";
import { isUuid } from "./questions.server";

export interface NewAction {
  description: string;
  dueOn: string;
  ownerId: string | null;
}

async function insertAction(
  tx: Executor,
  actor: Actor,
  input: NewAction & { questionId?: string | null; responseId?: string | null; minuteId?: string | null; recommendationId?: string | null; owningOrganisationId: string },
  field = "actionOwnerId",
) {
  if (input.ownerId) {
    if (!isUuid(input.ownerId)) throw new QuestionError("Select the action's owner from the list", field);
    const [owner] = await tx.select({ organisationId: person.organisationId }).from(refTable(person)).where(eq(person.id, input.ownerId));
    if (!owner || owner.organisationId !== input.owningOrganisationId) {
      throw new QuestionError("Select the action's owner from the list", field);
    }
  }
  const [row] = await tx
    .insert(actions)
    .values({
      description: input.description,
      dueOn: input.dueOn,
      ownerId: input.ownerId,
      owningOrganisationId: input.owningOrganisationId,
      questionId: input.questionId ?? null,
      responseId: input.responseId ?? null,
      minuteId: input.minuteId ?? null,
      recommendationId: input.recommendationId ?? null,
    })
    .returning();
  await audit(tx, actor, { action: "create", entityType: "action", entityId: row.id, after: { ...row, search: undefined } });
  if (input.ownerId) {
    await notifyPerson(tx, who(actor), input.ownerId, {
      key: `action:${row.id}:assigned`,
      subject: `An action for you: due ${formatDate(row.dueOn)}`,
      body: `You own a new action, due ${formatDate(row.dueOn)}:\n\n${row.description}\n\n${actor.site}/actions/${row.id}`,
    });
  }
  return row;
}

type ResponseInput = { kind: "holding" | "full"; body: string; expectedOn?: string | null; action?: NewAction | null };

/** What would refuse a response (the same checks for its preview and for publishing it). */
function responseProblems(actor: Actor, q: NonNullable<Awaited<ReturnType<typeof loadState>>>, input: ResponseInput, now: Date) {
  refuse(checkRespond(actor.viewer, q, input.kind), "body");
  if (!input.body.trim()) throw new QuestionError("Enter the response", "body");
  if (input.kind === "holding") {
    if (!input.expectedOn) throw new QuestionError("Enter the date the full response is expected", "expectedOn");
    if (input.expectedOn < isoDay(now)) throw new QuestionError("The expected date must be today or later", "expectedOn");
  }
  if (input.kind === "full" && input.action && input.action.dueOn < q.tabledOn) {
    throw new QuestionError("The action's due date must be on or after the question's tabled date", "actionDueOn");
  }
}

/** Checks a response as publishing it would, writing nothing: for its preview. */
export async function checkResponse(actor: Actor, id: string, input: ResponseInput) {
  const q = await db().transaction((tx) => loadState(tx, id));
  responseProblems(actor, q, input, actor.now ?? new Date());
}

/** The response a correction replaces: the current full response, else the latest current one. */
function correctionTarget<R extends { id: string; kind: string; supersedesId: string | null; respondedAt: Date }>(all: R[]): R | undefined {
  const superseded = new Set(all.map((r) => r.supersedesId));
  const current = all.filter((r) => !superseded.has(r.id));
  return current.find((r) => r.kind === "full") ?? current.sort((a, b) => b.respondedAt.getTime() - a.respondedAt.getTime())[0];
}

/** The text a correction would replace, checked as publishing the correction would: for the old-beside-new preview. */
export async function checkCorrection(actor: Actor, id: string, input: { body: string }) {
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkCorrect(actor.viewer, q), "correctionBody");
    if (!input.body.trim()) throw new QuestionError("Enter the corrected response", "correctionBody");
    const target = correctionTarget(await tx.select().from(responses).where(eq(responses.questionId, id)));
    return { kind: target?.kind ?? "full", body: target?.body ?? "" };
  });
}

export async function respondToQuestion(actor: Actor, id: string, input: ResponseInput) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    responseProblems(actor, q, input, now);
    const [r] = await tx
      .insert(responses)
      .values({
        questionId: id,
        kind: input.kind,
        body: input.body,
        respondedById: actor.viewer.personId,
        organisationId: q.addressedToId,
        respondedAt: now,
        expectedOn: input.kind === "holding" ? input.expectedOn : null,
      })
      .returning();
    await audit(tx, actor, {
      action: "respond",
      entityType: "question",
      entityId: id,
      after: { kind: r.kind, responseId: r.id, body: r.body, expectedOn: r.expectedOn },
    });
    let action = null;
    if (input.kind === "full" && input.action) {
      action = await insertAction(tx, actor, { ...input.action, questionId: id, responseId: r.id, owningOrganisationId: q.addressedToId });
    }
    await notifyPerson(tx, who(actor), q.askedById, {
      key: `question:${id}:response:${r.id}`,
      subject: input.kind === "holding" ? "A holding response to your question" : "A full response to your question",
      body: [
        `There is a ${input.kind === "holding" ? "holding" : "full"} response to your question "${excerpt(q.text)}":`,
        "",
        input.body.trim(),
        ...(input.kind === "holding" && input.expectedOn ? ["", `The full response is expected by ${formatDate(input.expectedOn)}.`] : []),
        "",
        `${input.kind === "holding" ? "Read it" : "Read it, and mark it satisfactory or ask a supplementary question"}:`,
        `${actor.site}/questions/${id}`,
      ].join("\n"),
    });
    return { response: r, action };
  });
}

export async function correctResponse(actor: Actor, id: string, input: { body: string }) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkCorrect(actor.viewer, q), "correctionBody");
    if (!input.body.trim()) throw new QuestionError("Enter the corrected response", "correctionBody");
    const target = correctionTarget(await tx.select().from(responses).where(eq(responses.questionId, id)))!;
    const [r] = await tx
      .insert(responses)
      .values({
        questionId: id,
        kind: target.kind,
        body: input.body,
        respondedById: actor.viewer.personId,
        organisationId: q.addressedToId,
        respondedAt: now,
        expectedOn: target.expectedOn,
        supersedesId: target.id,
      })
      .returning();
    await audit(tx, actor, {
      action: "correct_response",
      entityType: "question",
      entityId: id,
      before: { responseId: target.id, body: target.body },
      after: { kind: r.kind, responseId: r.id, supersedesId: target.id, body: r.body },
    });
    await notifyPerson(tx, who(actor), q.askedById, {
      key: `question:${id}:response:${r.id}`,
      subject: `A corrected ${target.kind === "holding" ? "holding" : "full"} response to your question`,
      body: [
        `The ${target.kind === "holding" ? "holding" : "full"} response to your question "${excerpt(q.text)}" has been corrected. It now reads:`,
        "",
        input.body.trim(),
        "",
        "The earlier text stays visible, marked as superseded:",
        `${actor.site}/questions/${id}`,
      ].join("\n"),
    });
    return r;
  });
}

export async function markSatisfactory(actor: Actor, id: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    refuse(checkMarkSatisfactory(actor.viewer, q), "satisfactory");
    const all = await tx.select().from(responses).where(eq(responses.questionId, id));
    const superseded = new Set(all.map((r) => r.supersedesId));
    const target = all.find((r) => r.kind === "full" && !superseded.has(r.id))!;
    await tx.update(responses).set({ satisfactoryAt: now }).where(eq(responses.id, target.id));
    await audit(tx, actor, { action: "update", entityType: "response", entityId: target.id, before: { satisfactoryAt: null }, after: { satisfactoryAt: now, questionId: id } });
  });
}

/** A clerk adds a follow-up action to a question. */
export async function addActionToQuestion(actor: Actor, id: string, input: NewAction) {
  return db().transaction(async (tx) => {
    const q = await loadState(tx, id);
    // The clerk's form on the question page names its fields newAction… (the response form has action…).
    refuse(checkAddAction(actor.viewer, q), "newActionDescription");
    if (input.dueOn < q.tabledOn) throw new QuestionError("The action's due date must be on or after the question's tabled date", "newActionDueOn");
    const latest = await tx.select({ id: responses.id }).from(responses).where(eq(responses.questionId, id));
    return insertAction(
      tx,
      actor,
      { ...input, questionId: id, responseId: latest.length ? latest[latest.length - 1].id : null, owningOrganisationId: q.addressedToId },
      "newActionOwnerId",
    );
  });
}

export { insertAction };
