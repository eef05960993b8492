/**
 * What a meeting's status is, as shown everywhere. A clerk records scheduled,
 * confirmed, postponed or cancelled; "held" follows from the date for a meeting
 * that was neither postponed nor cancelled.
 */
import type { MEETING_STATUSES } from "../../db/schema";

export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  postponed: "Postponed",
  cancelled: "Cancelled",
  held: "Held",
};

export function meetingStatus(
  meeting: { status: MeetingStatus; startsAt: Date },
  now: Date = new Date(),
): MeetingStatus {
  if (meeting.status === "cancelled" || meeting.status === "postponed") return meeting.status;
  if (meeting.status === "held") return "held";
  return meeting.startsAt.getTime() < now.getTime() ? "held" : meeting.status;
}

/** The GOV.UK tag colour for a status. */
export function meetingStatusTagClass(status: MeetingStatus): string {
  switch (status) {
    case "cancelled":
      return "govuk-tag--red";
    case "postponed":
      return "govuk-tag--orange";
    case "held":
      return "govuk-tag--grey";
    case "confirmed":
      return "govuk-tag--green";
    default:
      return "govuk-tag--blue";
  }
}

/** The state of a meeting's minutes, as every page shows it. */
export type MinutesState = "none" | "draft" | "approved" | "approval_unknown";

export function minutesState(m: {
  minutesPublishedAt: Date | null;
  minutesApprovedAt: Date | null;
  minutesApprovalUnknown: boolean;
}): MinutesState {
  if (m.minutesApprovedAt) return "approved";
  if (!m.minutesPublishedAt) return "none";
  return m.minutesApprovalUnknown ? "approval_unknown" : "draft";
}
