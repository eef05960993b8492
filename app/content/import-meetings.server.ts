/** Import steps for meetings, their agenda items and minutes (import.server.ts). */
import { eq } from "drizzle-orm";
import { agendaItemDocuments, agendaItemPriorities, agendaItems, meetings, minutes } from "../../db/schema";
import type { ContentBundle } from "./bundle.server";
import type { MeetingData } from "./front-matter.server";
import { contentId } from "./ids.server";
import { type ImportStep, personId } from "./importer.server";

/**
 * When a meeting's agenda or minutes were published. "unknown" (public, but the
 * sources do not say when) is stored as the meeting's own placeholder instant
 * (deterministic, so a re-import changes nothing) with precision "unknown":
 * no surface shows it (app/rules/date-precision.server.ts).
 */
export function meetingPublication(meeting: MeetingData, which: "agenda" | "minutes") {
  const value = which === "agenda" ? meeting.agendaPublishedAt : meeting.minutesPublishedAt;
  if (value === "unknown") return { at: meeting.startsAt, precision: "unknown" as const };
  return { at: value ?? null, precision: "exact" as const };
}

/** Meetings. */
export async function importMeetings(step: ImportStep, bundle: ContentBundle) {
  const { importer, run } = step;
  for (const e of bundle.meetings) {
    await run(e, async () => [
      await importer.upsert({
        file: e.path,
        table: meetings,
        entityType: "meeting",
        id: e.id,
        unique: { slug: e.key },
        versioned: true,
        values: {
          slug: e.key,
          bodyId: contentId("body", e.data.body),
          title: e.data.title,
          startsAt: e.data.startsAt,
          endsAt: e.data.endsAt ?? null,
          datePrecision: e.data.datePrecision,
          dateNote: e.data.dateNote ?? null,
          venue: e.data.venue ?? null,
          attendanceMode: e.data.attendanceMode,
          status: e.data.status,
          statusReason: e.data.statusReason ?? null,
          agendaPublishedAt: meetingPublication(e.data, "agenda").at,
          agendaPublishedPrecision: meetingPublication(e.data, "agenda").precision,
          urgencyReason: e.data.urgencyReason ?? null,
          minutesPublishedAt: meetingPublication(e.data, "minutes").at,
          minutesPublishedPrecision: meetingPublication(e.data, "minutes").precision,
          minutesApprovedAt: e.data.minutesApprovedAt ?? null,
          minutesApprovalUnknown: e.data.minutesApprovalUnknown,
          sourceNote: e.data.sourceNote ?? null,
        },
      }),
    ]);
  }
}

/** Agenda items and their priority and document links (defaults from their meeting file). */
export async function importAgendaItems(step: ImportStep, bundle: ContentBundle) {
  const { tx, importer, run, replaceLinks, meetingOf } = step;
  for (const e of bundle.agendaItems) {
    await run(e, async () => {
      const meeting = meetingOf(e.meetingSlug);
      const priorityIds = e.data.priorities.map((p) => contentId("priority", p));
      const documentIds = e.data.documents.map((d) => contentId("document", d));
      const linkedPriorities = await tx
        .select({ id: agendaItemPriorities.priorityId })
        .from(agendaItemPriorities)
        .where(eq(agendaItemPriorities.agendaItemId, e.id));
      const linkedDocuments = await tx
        .select({ id: agendaItemDocuments.documentId, position: agendaItemDocuments.position })
        .from(agendaItemDocuments)
        .where(eq(agendaItemDocuments.agendaItemId, e.id));
      const before = {
        priorityIds: linkedPriorities.map((l) => l.id).sort(),
        documentIds: linkedDocuments.sort((a, b) => a.position - b.position).map((l) => l.id),
      };
      const after = { priorityIds: [...priorityIds].sort(), documentIds };
      const changed = await importer.upsert({
        file: e.path,
        table: agendaItems,
        entityType: "agenda_item",
        id: e.id,
        versioned: true,
        extra: { before, after },
        values: {
          meetingId: contentId("meeting", e.meetingSlug),
          position: e.position,
          title: e.data.title,
          body: e.markdown,
          purpose: e.data.purpose,
          leadOfficerId: personId(e.data.leadOfficer),
          publishedAt: e.data.publishedAt ?? meetingPublication(meeting, "agenda").at,
        },
      });
      if (changed) {
        // The item's links are replaced by the file's.
        await replaceLinks(agendaItemPriorities, "agendaItemId", e.id, priorityIds.map((priorityId) => ({ priorityId })));
        await replaceLinks(
          agendaItemDocuments,
          "agendaItemId",
          e.id,
          documentIds.map((documentId, position) => ({ documentId, position })),
        );
      }
      return [changed];
    });
  }
}

/** Minutes, one per agenda item. */
export async function importMinutes(step: ImportStep, bundle: ContentBundle) {
  const { importer, run } = step;
  for (const e of bundle.minutes) {
    await run(e, async () => {
      const agendaItemId = contentId("agenda_item", e.itemKey);
      return [
        await importer.upsert({
          file: e.path,
          table: minutes,
          entityType: "minute",
          id: e.id,
          unique: { agendaItemId },
          versioned: true,
          values: { agendaItemId, body: e.markdown, decisions: e.data.decisions },
        }),
      ];
    });
  }
}
