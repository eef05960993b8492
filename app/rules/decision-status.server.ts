/**
 * A decision's status, the one rule every surface uses (pages, CSV, API, search;
 * docs/decisions/034-decisions-and-exempt-items-through-time.md).
 *
 * Every decision is "made" when the meeting makes it. Call-in applies only to an
 * executive decision, and the clerk says one is by recording the last day it may be
 * called in (`callInUntil`): a scrutiny board's or committee's resolution has none.
 * Then, on a given day:
 * - implemented, once an implementation day is recorded and reached;
 * - called in, once a call-in day is recorded and reached (until implemented);
 * - subject to call-in, up to and including the last day for call-in;
 * - made, otherwise (the call-in period passed without a call-in).
 * Days are ISO calendar days (YYYY-MM-DD) in Europe/London.
 */
import { formatDate, isoDay } from "./dates.server";

export const DECISION_STATUSES = ["made", "subject_to_call_in", "called_in", "implemented"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  made: "Made",
  subject_to_call_in: "Subject to call-in",
  called_in: "Called in",
  implemented: "Implemented",
};

export interface DecisionDates {
  callInUntil: string | null;
  calledInOn: string | null;
  implementedOn: string | null;
}

export interface DecisionStatusOutcome {
  status: DecisionStatus;
  /** As every page shows it, e.g. "Subject to call-in until 12 March 2026". */
  label: string;
  /** The last day for call-in while the decision is subject to it, else null. */
  callInUntil: string | null;
}

const reached = (day: string | null, today: string) => day !== null && day <= today;

export function decisionStatus(d: DecisionDates, today: string = isoDay(new Date())): DecisionStatusOutcome {
  if (reached(d.implementedOn, today)) return { status: "implemented", label: `Implemented on ${formatDate(d.implementedOn)}`, callInUntil: null };
  if (d.callInUntil && reached(d.calledInOn, today)) return { status: "called_in", label: `Called in on ${formatDate(d.calledInOn)}`, callInUntil: null };
  if (d.callInUntil && today <= d.callInUntil) {
    return { status: "subject_to_call_in", label: `Subject to call-in until ${formatDate(d.callInUntil)}`, callInUntil: d.callInUntil };
  }
  return { status: "made", label: DECISION_STATUS_LABELS.made, callInUntil: null };
}

/**
 * What a clerk may record, checked on the server before a save: the message and the
 * field it belongs beside, or null. A call-in needs a call-in period and falls within it;
 * nothing happens before the meeting that made the decision.
 */
export function decisionDatesProblem(d: DecisionDates, meetingDay: string | null): { field: keyof DecisionDates; message: string } | null {
  if (meetingDay) {
    for (const [field, label] of [["callInUntil", "The last day for call-in"], ["calledInOn", "The day it was called in"], ["implementedOn", "The day it was implemented"]] as const) {
      const day = d[field];
      if (day && day < meetingDay) return { field, message: `${label} must be on or after the meeting (${formatDate(meetingDay)})` };
    }
  }
  if (d.calledInOn && !d.callInUntil) return { field: "calledInOn", message: "Only a decision subject to call-in can be called in: enter the last day for call-in first" };
  if (d.calledInOn && d.callInUntil && d.calledInOn > d.callInUntil) {
    return { field: "calledInOn", message: `A decision can be called in only until the last day for call-in (${formatDate(d.callInUntil)})` };
  }
  return null;
}
