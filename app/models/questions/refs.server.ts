/**
 * What other domains may read of questions, responses and actions (and their links to
 * priorities and recommendations), and how they join them (app/utils/refs.server.ts; ADR 025).
 * Only this domain names its tables. Visibility is applied by the query, from app/rules/visibility.server.ts.
 */
import { getTableColumns } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  actionPriorities,
  actions,
  actionUpdates,
  questionPriorities,
  questionRecommendations,
  questions,
  responses,
} from "../../../db/schema/questions";
import { tableRef } from "../../utils/refs.server";

/** A table's columns but its search vector (that is the search domain's business). */
function readable<T extends typeof questions | typeof responses | typeof actions>(t: T) {
  const { search: _search, ...fields } = getTableColumns(t);
  return fields;
}

export const question = tableRef(questions, readable, (t) => t.id);
/** A question's parent, for a supplementary: `parentQuestion.on(question.parentQuestionId)`. */
export const parentQuestion = tableRef(alias(questions, "parent_question"), (t) => ({ id: t.id, text: t.text, agendaItemId: t.agendaItemId }), (t) => t.id);
export const response = tableRef(responses, readable, (t) => t.id);
/** Responses joined from their question: `responseOfQuestion.on(question.id)` (one row per response). */
export const responseOfQuestion = tableRef(responses, readable, (t) => t.questionId);
export const action = tableRef(actions, readable, (t) => t.id);
/** Progress notes on an action, joined from it: `actionUpdateOfAction.on(action.id)`. */
export const actionUpdateOfAction = tableRef(
  actionUpdates,
  (t) => ({ id: t.id, actionId: t.actionId, note: t.note, authorId: t.authorId, createdAt: t.createdAt }),
  (t) => t.actionId,
);

/** The links of questions and actions to priorities and recommendations, joined from the question or action. */
export const questionPriorityOfQuestion = tableRef(questionPriorities, (t) => ({ questionId: t.questionId, priorityId: t.priorityId }), (t) => t.questionId);
export const questionPriorityOfPriority = tableRef(questionPriorities, (t) => ({ questionId: t.questionId, priorityId: t.priorityId }), (t) => t.priorityId);
export const questionRecommendationOfQuestion = tableRef(
  questionRecommendations,
  (t) => ({ questionId: t.questionId, recommendationId: t.recommendationId }),
  (t) => t.questionId,
);
export const questionRecommendationOfRecommendation = tableRef(
  questionRecommendations,
  (t) => ({ questionId: t.questionId, recommendationId: t.recommendationId }),
  (t) => t.recommendationId,
);
export const actionPriorityOfAction = tableRef(actionPriorities, (t) => ({ actionId: t.actionId, priorityId: t.priorityId }), (t) => t.actionId);
export const actionPriorityOfPriority = tableRef(actionPriorities, (t) => ({ actionId: t.actionId, priorityId: t.priorityId }), (t) => t.priorityId);

/** For the search domain only: questions, responses and actions with their weighted `search` vectors. */
export const questionSearch = tableRef(questions, getTableColumns, (t) => t.id);
export const responseSearch = tableRef(responses, getTableColumns, (t) => t.id);
export const actionSearch = tableRef(actions, getTableColumns, (t) => t.id);
