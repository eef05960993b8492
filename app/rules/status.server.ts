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

/** Whole days a question or action has been open: from its tabled (or created) day to when it ended, or today. */
export function daysOpen(fromIsoDay: string, endedAt: Date | null, now: Date = new Date()): number {
  return Math.max(0, daysBetween(fromIsoDay, isoDay(endedAt ?? now)));
}

/**
 * When a question closed: a clerk's closure, or else the moment the last of its
 * full response and its actions was done. Null while it is open.
 */
export function questionClosedAt(
  q: QuestionFacts & { fullResponseAt: Date | null; actions: (ActionFacts & { completedAt: Date | null; cancelledAt: Date | null })[] },
): Date | null {
  if (questionStatus(q) !== "closed") return null;
  if (q.closedAt) return q.closedAt;
  const times = [q.fullResponseAt, ...q.actions.map((a) => a.completedAt ?? a.cancelledAt)].filter(
    (d): d is Date => d instanceof Date,
  );
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}

/** Days late for a question: only while it is overdue. */
export function questionDaysLate(q: QuestionFacts, now: Date = new Date()): number {
  return isQuestionOverdue(q, now) ? daysLate(q.dueOn, now) : 0;
}

/** Days late for an action: only while it is overdue. */
export function actionDaysLate(a: ActionFacts, now: Date = new Date()): number {
  return isActionOverdue(a, now) ? daysLate(a.dueOn, now) : 0;
}

/** Statuses a list can be filtered by, in the order a person follows them. */
export const QUESTION_STATUSES: QuestionStatus[] = ["submitted", "awaiting_response", "holding_response", "answered", "closed", "rejected"];
export const ACTION_STATUSES: ActionStatus[] = ["open", "in_progress", "completed", "cancelled"];
