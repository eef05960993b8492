/**
 * Clerks' work on recordings (issue 18, item 5): a meeting's webcast or
 * recording link, and an agenda item's start in it. A link must be http(s); an
 * offset is not negative and, where the recording's length is given, not past
 * its end. Each write is one transaction (the caller's `tx`) and is recorded in
 * the audit log, which also clears the public page cache.
 */
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import { agendaItems, meetings, type RECORDING_KINDS } from "../../../db/schema/meetings";
import type { Executor } from "../../db.server";
import { formatOffset, offsetWithin, safeRecordingUrl } from "../../rules/recording.server";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { recordAudit } from "../records";
import { lockMeeting } from "./meeting-changes.server";

export type RecordingKind = (typeof RECORDING_KINDS)[number];

export interface RecordingInput {
  /** "" removes the recording. */
  url: string;
  kind: RecordingKind | "";
  lengthSeconds: number | null;
}

const recordingFields = (m: typeof meetings.$inferSelect) => ({
  recordingUrl: m.recordingUrl,
  recordingKind: m.recordingKind,
  recordingLengthSeconds: m.recordingLengthSeconds,
});

export async function setMeetingRecording(tx: Executor, actor: Actor, meetingId: string, input: RecordingInput) {
  const before = await lockMeeting(tx, meetingId);
  let values: ReturnType<typeof recordingFields>;
  if (!input.url.trim()) {
    values = { recordingUrl: null, recordingKind: null, recordingLengthSeconds: null };
  } else {
    const url = safeRecordingUrl(input.url);
    if (!url) throw new ClerkError("recordingUrl", "Enter the link as a full web address starting with https:// or http://");
    if (!input.kind) throw new ClerkError("recordingKind", "Select whether the link is a live webcast or a recording");
    if (input.lengthSeconds !== null) {
      const [beyond] = await tx
        .select({ title: agendaItems.title, seconds: agendaItems.recordingOffsetSeconds })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), isNotNull(agendaItems.recordingOffsetSeconds), gt(agendaItems.recordingOffsetSeconds, input.lengthSeconds)))
        .orderBy(asc(agendaItems.position));
      if (beyond) {
        throw new ClerkError(
          "recordingLength",
          `The item "${beyond.title}" starts at ${formatOffset(beyond.seconds ?? 0)}, after the end of a recording this long: change its start first`,
        );
      }
    }
    values = { recordingUrl: url, recordingKind: input.kind, recordingLengthSeconds: input.lengthSeconds };
  }
  const [after] = await tx.update(meetings).set({ ...values, updatedAt: new Date() }).where(eq(meetings.id, meetingId)).returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: values.recordingUrl ? "set_recording" : "remove_recording",
    entityType: "meeting",
    entityId: meetingId,
    before: recordingFields(before),
    after: recordingFields(after),
    ipAddress: actor.ipAddress,
  });
  return after;
}

/** Sets (or with null clears) where an agenda item starts in its meeting's recording. */
export async function setItemRecordingOffset(tx: Executor, actor: Actor, itemId: string, seconds: number | null) {
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, itemId)).for("update");
  if (!item) throw new ClerkError("form", "This agenda item no longer exists");
  const meeting = await lockMeeting(tx, item.meetingId);
  if (seconds !== null) {
    if (!meeting.recordingUrl) {
      throw new ClerkError("recordingOffset", "The meeting has no recording or webcast link yet: add it on the meeting's edit page first");
    }
    if (!offsetWithin(seconds, meeting.recordingLengthSeconds)) {
      throw new ClerkError(
        "recordingOffset",
        seconds < 0
          ? "The start time cannot be negative"
          : `The start time must be within the recording, which is ${formatOffset(meeting.recordingLengthSeconds ?? 0)} long`,
      );
    }
  }
  const [after] = await tx
    .update(agendaItems)
    .set({ recordingOffsetSeconds: seconds })
    .where(eq(agendaItems.id, itemId))
    .returning({ recordingOffsetSeconds: agendaItems.recordingOffsetSeconds });
  await recordAudit(tx, {
    userId: actor.userId,
    action: "set_recording_offset",
    entityType: "agenda_item",
    entityId: itemId,
    before: { recordingOffsetSeconds: item.recordingOffsetSeconds },
    after,
    ipAddress: actor.ipAddress,
  });
  return after;
}
