/**
 * What an action's status rests on (issue 23, item 2), beside the status on
 * every surface: its owner or the clerk recorded it done, cancelled or under
 * way; "open" is what the rule gives while nothing is recorded; "overdue" is
 * worked out from the due date.
 */
import type { ActionStatus } from "./status.server";
import { recordedBasis, ruleBasis, type StatusBasis } from "./status-basis.server";

export function actionStatusBasis(status: ActionStatus, overdue: boolean): StatusBasis {
  switch (status) {
    case "completed":
      return recordedBasis("Marked completed by its owner or the clerk");
    case "cancelled":
      return recordedBasis("Cancelled by the clerk, with the reason recorded");
    case "in_progress":
      return ruleBasis(`In progress: a progress update was recorded${overdue ? "; overdue: its due date has passed" : ""}`);
    case "open":
      return ruleBasis(`Open: no progress recorded yet${overdue ? "; overdue: its due date has passed" : ""}`);
  }
}
