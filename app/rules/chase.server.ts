/**
 * Chasing: a clerk's reminder to whoever must answer a question or complete an action
 * (docs/decisions/037). One rule for the chase list's buttons and the model that sends:
 * a record still open may be chased once a day (Europe/London days); a closed one never.
 * The database holds the same "once a day" as a unique index (table chases), so two
 * requests at once cannot both send.
 */
import { isoDay } from "./dates.server";
import { QUESTION_WAITING_STATUSES, type QuestionStatus, type ActionStatus } from "./status.server";

export type ChaseOutcome = "sent" | "already_today" | "closed" | "not_found";

/** The day a chase made at `now` counts for. */
export function chaseDay(now: Date): string {
  return isoDay(now);
}

/** Whether a record in this status is still waiting on someone (so it may be chased). */
export function chasable(record: { kind: "question"; status: QuestionStatus } | { kind: "action"; status: ActionStatus }): boolean {
  return record.kind === "question" ? QUESTION_WAITING_STATUSES.includes(record.status) : record.status !== "completed" && record.status !== "cancelled";
}

/**
 * Why a chase at `now` would not be sent, or null when it may be: closed records are
 * refused; one already chased that day is not chased again.
 */
export function chaseRefusal(
  record: Parameters<typeof chasable>[0],
  chasedOn: readonly string[],
  now: Date,
): Exclude<ChaseOutcome, "sent" | "not_found"> | null {
  if (!chasable(record)) return "closed";
  return chasedOn.includes(chaseDay(now)) ? "already_today" : null;
}
