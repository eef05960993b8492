/**
 * A meeting's webcast or recording and where each agenda item starts in it
 * (issue 18, item 5), as a viewer may see them: only for a meeting the viewer
 * may see, and an item's start only where the viewer may see the item's content
 * (an exempt item's offset never reaches the public).
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { agendaItems, meetings } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { formatOffset, RECORDING_KIND_LABELS, watchAtUrl } from "../../rules/recording.server";
import { agendaItemContentVisible, agendaItemVisible, meetingVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";

export interface MeetingRecording {
  url: string;
  kind: "live" | "archived";
  kindLabel: string;
  lengthSeconds: number | null;
  /** "1:45:00", where the length is known. */
  length: string | null;
}

export interface ItemOffset {
  seconds: number;
  /** h:mm:ss */
  text: string;
  /** The recording's address at this point (a media fragment). */
  url: string;
}

export async function meetingMedia(viewer: Viewer, meetingId: string): Promise<{ recording: MeetingRecording | null; offsets: Record<string, ItemOffset> }> {
  const [m] = await db()
    .select({ url: meetings.recordingUrl, kind: meetings.recordingKind, lengthSeconds: meetings.recordingLengthSeconds })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), meetingVisible(viewer)));
  if (!m?.url) return { recording: null, offsets: {} };
  const kind = m.kind ?? "archived";
  const recording: MeetingRecording = {
    url: m.url,
    kind,
    kindLabel: RECORDING_KIND_LABELS[kind],
    lengthSeconds: m.lengthSeconds,
    length: m.lengthSeconds === null ? null : formatOffset(m.lengthSeconds),
  };
  const rows = await db()
    .select({ id: agendaItems.id, seconds: agendaItems.recordingOffsetSeconds })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        isNotNull(agendaItems.recordingOffsetSeconds),
        meetingVisible(viewer),
        agendaItemVisible(viewer),
        agendaItemContentVisible(viewer),
      ),
    )
    .orderBy(asc(agendaItems.position));
  const offsets: Record<string, ItemOffset> = {};
  for (const r of rows) {
    if (r.seconds === null) continue;
    offsets[r.id] = { seconds: r.seconds, text: formatOffset(r.seconds), url: watchAtUrl(m.url, r.seconds) };
  }
  return { recording, offsets };
}
