/**
 * A work programme topic's status (docs/decisions/043-work-programme.md). A clerk decides
 * whether a proposed topic is planned, deferred or dropped; "on an agenda" and "done" follow
 * from the agenda item it is linked to: on the agenda of a meeting not yet held, done once
 * that meeting is held (app/rules/meeting-status.server.ts). A topic deferred or dropped
 * keeps that status even if it had once reached an agenda.
 */
import type { TOPIC_DECISIONS } from "../../db/schema";
import { meetingStatus, type MeetingStatus } from "./meeting-status.server";

export type TopicDecision = (typeof TOPIC_DECISIONS)[number];
export type TopicStatus = "proposed" | "planned" | "on_agenda" | "done" | "deferred" | "dropped";

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  proposed: "Proposed",
  planned: "Planned",
  on_agenda: "On an agenda",
  done: "Done",
  deferred: "Deferred",
  dropped: "Dropped",
};

/** The statuses the public sees: a proposed topic is not yet on the programme. */
export const PUBLIC_TOPIC_STATUSES: readonly TopicStatus[] = ["planned", "on_agenda", "done", "deferred", "dropped"];

export function topicStatus(
  topic: { decision: TopicDecision; agendaMeeting: { status: MeetingStatus; startsAt: Date } | null },
  now: Date = new Date(),
): TopicStatus {
  if (topic.decision === "deferred" || topic.decision === "dropped" || topic.decision === "proposed") return topic.decision;
  if (!topic.agendaMeeting) return "planned";
  const held = meetingStatus(topic.agendaMeeting, now) === "held";
  return held ? "done" : "on_agenda";
}
