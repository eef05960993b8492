/**
 * When a meeting's proceedings can be recorded, and where its minutes can be
 * approved (issue 16, item 3). The only place this is decided; the clerk's pages,
 * the model's writes and every surface that shows an approval follow it.
 *
 * - A meeting is "held" for recording from its day (Europe/London) on: attendance
 *   and minutes cannot be recorded for a meeting whose day has not come, nor for one
 *   that was cancelled or postponed.
 * - Minutes are approved as a correct record at a later meeting of the same body
 *   that has been held (or is being held today), at an item on that meeting's agenda
 *   (the item for the minutes of the previous meeting).
 * - The approval is dated to the approving meeting: its start is the approval date
 *   shown by every page, feed and API answer, never the moment the clerk clicked.
 */
import { isoDay } from "./dates.server";

export interface MeetingForRecording {
  startsAt: Date;
  status: string;
}

export interface MeetingForApproval extends MeetingForRecording {
  id: string;
  bodyId: string;
  minutesPublishedAt: Date | null;
  minutesApprovedAt: Date | null;
}

/** Whether the meeting's day (London time) has come: today or earlier. */
export function meetingDayHasCome(meeting: { startsAt: Date }, now: Date = new Date()): boolean {
  return isoDay(meeting.startsAt) <= isoDay(now);
}

/** Why attendance or minutes cannot be recorded for this meeting yet, or null when they can. */
export function recordingProblem(meeting: MeetingForRecording, now: Date = new Date()): string | null {
  if (meeting.status === "cancelled") return "This meeting was cancelled: there is nothing to record";
  if (meeting.status === "postponed") return "This meeting was postponed: record it once it has been held";
  if (!meetingDayHasCome(meeting, now)) return "This meeting has not been held yet: attendance and minutes are recorded on or after its day";
  return null;
}

/** Why the meeting cannot approve minutes (yet), or null when it can. */
export function approvingMeetingProblem(approving: MeetingForRecording, now: Date = new Date()): string | null {
  if (approving.status === "cancelled" || approving.status === "postponed") return "Minutes are approved at a meeting that is held, not one that was cancelled or postponed";
  if (!meetingDayHasCome(approving, now)) return "Minutes are approved at a meeting that has been held or is being held today: this meeting has not been held yet";
  return null;
}

/** Why these minutes cannot be approved at that meeting, or null when they can. */
export function approvalProblem(approved: MeetingForApproval, approving: MeetingForApproval, now: Date = new Date()): string | null {
  if (approved.id === approving.id) return "Minutes are approved at a later meeting, not the meeting they record";
  if (approved.bodyId !== approving.bodyId) return "Minutes are approved at a meeting of the same board or committee";
  if (approved.startsAt.getTime() >= approving.startsAt.getTime()) return "Minutes are approved at a later meeting than the one they record";
  const notHeld = approvingMeetingProblem(approving, now);
  if (notHeld) return notHeld;
  if (!approved.minutesPublishedAt) return "Those minutes have not been published";
  if (approved.minutesApprovedAt) return "Those minutes have already been approved";
  return null;
}

/** The approval's date: the approving meeting's start. */
export function approvalDate(approving: { startsAt: Date }): Date {
  return approving.startsAt;
}

/**
 * Of a meeting's agenda items (numbered by app/rules/numbering.server.ts), the one that
 * is most likely the item for the minutes of the previous meeting: the first whose title
 * speaks of minutes. The clerk can choose another.
 */
export function minutesItemGuess<T extends { id: string; title: string }>(items: T[]): T | null {
  return items.find((i) => /\bminutes\b/i.test(i.title)) ?? null;
}
