/**
 * What a question's status rests on (issue 23, item 2; docs/decisions/021): a person recorded it
 * (a clerk closed or rejected it, a member raised it), its source stated it (an imported
 * question's `source_status`), or the status rules (status.server.ts) derived it from the
 * responses and actions. Every surface that shows a question's status shows this beside it,
 * and the API carries it as `status_basis` / `status_basis_note`.
 */
import { recordedBasis, ruleBasis, sourceBasis, type StatusBasis } from "./status-basis.server";
import type { QuestionStatus } from "./status.server";

export interface QuestionBasisFacts {
  status: QuestionStatus;
  /** The clerk closed it (questions.closed_at): otherwise a "closed" status was derived. */
  closedByClerk: boolean;
  /** What its source records (questions.source_status_note), for a status the source states. */
  sourceStatusNote: string | null;
  /** Actions neither completed nor cancelled. */
  openActions: number;
}

export function questionStatusBasis(f: QuestionBasisFacts): StatusBasis {
  switch (f.status) {
    case "submitted":
      return recordedBasis("Raised by a member; the clerk has not yet accepted or rejected it");
    case "rejected":
      return recordedBasis("Rejected by the clerk");
    case "answered_at_meeting":
      return sourceBasis(f.sourceStatusNote ?? "The source records an answer given at the meeting and no follow-up");
    case "closed":
      return f.closedByClerk
        ? recordedBasis("Closed by the clerk")
        : ruleBasis("Closed: a full response was given and every follow-up action is completed or cancelled");
    case "answered":
      return ruleBasis(
        `Answered, actions open: a full response was given and ${f.openActions === 1 ? "1 follow-up action is" : `${f.openActions} follow-up actions are`} still open`,
      );
    case "holding_response":
      return ruleBasis("Holding response: a holding response was given and no full response yet");
    case "awaiting_response":
      return ruleBasis("Awaiting response: accepted by the clerk and no response published yet");
  }
}
