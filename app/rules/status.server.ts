/**
 * Statuses of questions, actions and recommendations, and whether they are
 * overdue: derived from the records and dates here, never typed in, and used by
 * every page, list, feed and export.
 */
import { isoDay } from "./dates.server";

export type QuestionStatus = "submitted" | "rejected" | "awaiting_response" | "holding_response" | "answered" | "closed";

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  submitted: "Submitted, not yet accepted",
  rejected: "Rejected",
  awaiting_response: "Awaiting response",
  holding_response: "Holding response",
  answered: "Answered, actions open",
  closed: "Closed",
};

export type ActionStatus = "open" | "in_progress" | "completed" | "cancelled";

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};

export interface ActionFacts {
  dueOn: string;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

export function actionStatus(a: ActionFacts): ActionStatus {
  if (a.cancelledAt) return "cancelled";
  if (a.completedAt) return "completed";
  if (a.startedAt) return "in_progress";
  return "open";
}

export function isActionDone(a: ActionFacts): boolean {
  const s = actionStatus(a);
  return s === "completed" || s === "cancelled";
}

export interface QuestionFacts {
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  closedAt: Date | null;
  dueOn: string | null;
  /** Kinds of the responses that are current (not superseded by a correction). */
  responseKinds: ("holding" | "full")[];
  actions: ActionFacts[];
}

export function questionStatus(q: QuestionFacts): QuestionStatus {
  if (q.rejectedAt) return "rejected";
  if (!q.acceptedAt) return "submitted";
  if (q.closedAt) return "closed";
  if (q.responseKinds.includes("full")) {
    return q.actions.every(isActionDone) ? "closed" : "answered";
  }
  if (q.responseKinds.includes("holding")) return "holding_response";
  return "awaiting_response";
}

/** Whole days from one calendar day to another (Europe/London days). */
export function daysBetween(fromIsoDay: string, toIsoDay: string): number {
  const ms = Date.parse(`${toIsoDay}T00:00:00Z`) - Date.parse(`${fromIsoDay}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** A question is overdue when its due date has passed and no full answer was given. */
export function isQuestionOverdue(q: QuestionFacts, now: Date = new Date()): boolean {
  const status = questionStatus(q);
  if (status !== "awaiting_response" && status !== "holding_response") return false;
  return q.dueOn !== null && q.dueOn < isoDay(now);
}

export function isActionOverdue(a: ActionFacts, now: Date = new Date()): boolean {
  return !isActionDone(a) && a.dueOn < isoDay(now);
}

/** Days late (0 when not late). */
export function daysLate(dueOn: string | null, now: Date = new Date()): number {
  if (!dueOn) return 0;
  return Math.max(0, daysBetween(dueOn, isoDay(now)));
}

export type RecommendationStatus = "open" | "met" | "closed";

export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: "Open",
  met: "Met (found by a later visit)",
  closed: "Closed with evidence",
};

export function recommendationStatus(r: { metByInspectionId: string | null; closedAt: Date | null }): RecommendationStatus {
  if (r.metByInspectionId) return "met";
  if (r.closedAt) return "closed";
  return "open";
}
