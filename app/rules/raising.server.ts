/**
 * When a question may be raised on an agenda item, and with which dates (docs/decisions/037).
 *
 * Closed business: a member may raise a question on an item until the body's set number of
 * days (bodies.question_window_days, 28 unless the clerk sets another) after the meeting's
 * day; later only a clerk records one. A supplementary question follows an answer, which may
 * come long after the meeting, so it is not held to the window.
 *
 * After the fact: a clerk recording a question raised at a past meeting gives its true
 * tabled and due dates. The tabled date is not after today; the due date is not before the
 * tabled date, but may be past (so the question can show as overdue: the status rule in
 * status.server.ts decides that, as for any question).
 */
import { formatDate, isoDay } from "./dates.server";
import { addDays } from "./deadlines.server";

export const DEFAULT_QUESTION_WINDOW_DAYS = 28;

/** The last day members may raise questions on a meeting's items. */
export function questionsCloseOn(meetingDay: string, windowDays: number): string {
  return addDays(meetingDay, windowDays);
}

/**
 * Why a member may not raise a question on an item of a meeting held on `meetingDay`, or
 * null when they may (a clerk recording one, or a supplementary question, always may).
 */
export function closedBusinessRefusal(input: { meetingDay: string; windowDays: number; now: Date; byClerk: boolean; supplementary?: boolean }): string | null {
  if (input.byClerk || input.supplementary) return null;
  const closesOn = questionsCloseOn(input.meetingDay, input.windowDays);
  if (isoDay(input.now) <= closesOn) return null;
  return `Questions on this item closed on ${formatDate(closesOn)}, ${input.windowDays} days after the meeting. Ask the clerk if it must still be recorded`;
}

/** What is wrong with the dates a clerk gives for a question entered after the fact, by field, or null. */
export function afterTheFactDatesProblem(input: { tabledOn: string; dueOn: string; now: Date }): { field: "tabledOn" | "dueOn"; message: string } | null {
  if (input.tabledOn > isoDay(input.now)) return { field: "tabledOn", message: "The date it was tabled must be today or in the past" };
  if (input.dueOn < input.tabledOn) {
    return { field: "dueOn", message: `The due date must be on or after the date it was tabled (${formatDate(input.tabledOn)})` };
  }
  return null;
}
