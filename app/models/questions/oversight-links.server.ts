/**
 * The links of questions and actions to priorities and recommendations, as the oversight
 * domain makes and removes them (app/models/oversight/link-changes.server.ts). The rows are
 * this domain's (ADR 025): oversight checks and writes them only through these functions,
 * and records the change in the audit log itself.
 */
import { and, eq } from "drizzle-orm";
import { actionPriorities, actions, questionPriorities, questionRecommendations } from "../../../db/schema/questions";
import type { Executor } from "../../db.server";

/** A link held in one of this domain's link tables: question or action to priority, question to recommendation. */
export type QuestionLinkKind = "question_priority" | "action_priority" | "question_recommendation";

/** Whether the question or action (sourceId) is linked to the priority or recommendation (targetId). */
export async function questionLinkExists(executor: Executor, kind: QuestionLinkKind, sourceId: string, targetId: string): Promise<boolean> {
  const one = async (q: Promise<unknown[]>) => (await q).length > 0;
  switch (kind) {
    case "question_priority":
      return one(executor.select().from(questionPriorities).where(and(eq(questionPriorities.questionId, sourceId), eq(questionPriorities.priorityId, targetId))));
    case "action_priority":
      return one(executor.select().from(actionPriorities).where(and(eq(actionPriorities.actionId, sourceId), eq(actionPriorities.priorityId, targetId))));
    case "question_recommendation":
      return one(
        executor
          .select()
          .from(questionRecommendations)
          .where(and(eq(questionRecommendations.questionId, sourceId), eq(questionRecommendations.recommendationId, targetId))),
      );
  }
}

/** Links the question or action to the priority or recommendation (the caller has checked it is not linked). */
export async function addQuestionLink(tx: Executor, kind: QuestionLinkKind, sourceId: string, targetId: string) {
  switch (kind) {
    case "question_priority":
      await tx.insert(questionPriorities).values({ questionId: sourceId, priorityId: targetId });
      break;
    case "action_priority":
      await tx.insert(actionPriorities).values({ actionId: sourceId, priorityId: targetId });
      break;
    case "question_recommendation":
      await tx.insert(questionRecommendations).values({ questionId: sourceId, recommendationId: targetId });
      break;
  }
}

export async function removeQuestionLink(tx: Executor, kind: QuestionLinkKind, sourceId: string, targetId: string) {
  switch (kind) {
    case "question_priority":
      await tx.delete(questionPriorities).where(and(eq(questionPriorities.questionId, sourceId), eq(questionPriorities.priorityId, targetId)));
      break;
    case "action_priority":
      await tx.delete(actionPriorities).where(and(eq(actionPriorities.actionId, sourceId), eq(actionPriorities.priorityId, targetId)));
      break;
    case "question_recommendation":
      await tx.delete(questionRecommendations).where(and(eq(questionRecommendations.questionId, sourceId), eq(questionRecommendations.recommendationId, targetId)));
      break;
  }
}

/** Whether the action answers this recommendation (actions.recommendation_id). */
export async function actionAnswersRecommendation(executor: Executor, actionId: string, recommendationId: string): Promise<boolean> {
  const rows = await executor
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.id, actionId), eq(actions.recommendationId, recommendationId)));
  return rows.length > 0;
}

/** The recommendation an action answers, and where it came from (a question or a minute), or undefined if there is no such action. */
export async function actionRecommendationOrigin(executor: Executor, actionId: string) {
  const [a] = await executor
    .select({ recommendationId: actions.recommendationId, questionId: actions.questionId, minuteId: actions.minuteId })
    .from(actions)
    .where(eq(actions.id, actionId));
  return a;
}

/** Sets (or, with null, clears) the recommendation an action answers. */
export async function setActionRecommendation(tx: Executor, actionId: string, recommendationId: string | null) {
  await tx.update(actions).set({ recommendationId, updatedAt: new Date() }).where(eq(actions.id, actionId));
}
