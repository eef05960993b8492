/** Meetings as a viewer may see them. */
import { and, asc, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { agendaItems, interestDeclarations, meetings } from "../../../db/schema/meetings";
import { body, person } from "../people/refs.server";
import { db } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import { isoAtPrecision, publicationText } from "../../rules/date-precision.server";
import { MEETING_STATUS_LABELS, meetingStatus, minutesState, type MeetingStatus } from "../../rules/meeting-status.server";
import { agendaItemContentVisible, agendaItemVisible, meetingVisible, minutesVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { listAgendaItems } from "./agendas.server";
import { attendanceList } from "./attendance.server";

export const meetingColumns = {
  id: meetings.id,
  slug: meetings.slug,
  title: meetings.title,
  startsAt: meetings.startsAt,
  datePrecision: meetings.datePrecision,
  dateNote: meetings.dateNote,
  venue: meetings.venue,
  status: meetings.status,
  agendaPublishedAt: meetings.agendaPublishedAt,
  agendaPublishedPrecision: meetings.agendaPublishedPrecision,
  minutesPublishedAt: meetings.minutesPublishedAt,
  minutesApprovedAt: meetings.minutesApprovedAt,
  bodySlug: body.slug,
  bodyName: body.name,
};

export type MeetingRow = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  datePrecision: (typeof meetings.$inferSelect)["datePrecision"];
  dateNote: string | null;
  venue: string | null;
  status: MeetingStatus;
  agendaPublishedAt: Date | null;
  agendaPublishedPrecision: (typeof meetings.$inferSelect)["agendaPublishedPrecision"];
  minutesPublishedAt: Date | null;
  minutesApprovedAt: Date | null;
  bodySlug: string;
  bodyName: string;
};

/** What a list shows of a meeting; dates and statuses come from the rules modules. */
export function toListItem(m: MeetingRow, now: Date) {
  const status = meetingStatus(m, now);
  const date = describeDate(m.startsAt, m.datePrecision, true);
  return {
    id: m.id,
    slug: m.slug,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    /** The start as precisely as the sources give it (ISO 8601 at that precision), for machine-readable data. */
    startDate: isoAtPrecision(m.startsAt, m.datePrecision),
    date: date.text,
    dateApproximate: date.approximate,
    dateNote: m.dateNote,
    venue: m.venue,
    status,
    statusLabel: MEETING_STATUS_LABELS[status],
    body: { slug: m.bodySlug, name: m.bodyName },
    hasMinutes: m.minutesPublishedAt !== null,
  };
}

export type MeetingListItem = ReturnType<typeof toListItem>;

export async function listMeetings(
  viewer: Viewer,
  options: { page: number; bodyId?: string; year?: number; now?: Date },
) {
  const now = options.now ?? new Date();
  const conditions = [meetingVisible(viewer)];
  if (options.bodyId) conditions.push(eq(meetings.bodyId, options.bodyId));
  if (options.year) {
    conditions.push(gte(meetings.startsAt, new Date(Date.UTC(options.year, 0, 1))));
    conditions.push(lt(meetings.startsAt, new Date(Date.UTC(options.year + 1, 0, 1))));
  }
  const where = and(...conditions);
  const [{ total }] = await db()
    .select({ total: count() })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(where);
  const rows = await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(where)
    .orderBy(desc(meetings.startsAt), asc(meetings.slug))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return { total, meetings: rows.map((m) => toListItem(m, now)) };
}

/** The years in which the viewer can see meetings (for a year filter), newest first. */
export async function meetingYears(viewer: Viewer, bodyId?: string): Promise<number[]> {
  const year = sql<number>`extract(year from ${meetings.startsAt} at time zone 'Europe/London')::int`;
  const rows = await db()
    .selectDistinct({ year })
    .from(meetings)
    .where(and(meetingVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined))
    .orderBy(desc(year));
  return rows.map((r) => Number(r.year));
}

export async function upcomingMeetings(viewer: Viewer, limit: number, now = new Date()) {
  const rows = await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(and(meetingVisible(viewer), gte(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
  return rows.map((m) => toListItem(m, now));
}

export async function recentMeetings(viewer: Viewer, limit: number, now = new Date()) {
  const rows = await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(and(meetingVisible(viewer), lt(meetings.startsAt, now)))
    .orderBy(desc(meetings.startsAt))
    .limit(limit);
  return rows.map((m) => toListItem(m, now));
}

/** A meeting page: details, status, the numbered agenda and the state of its minutes. */
export async function getMeeting(viewer: Viewer, slug: string, now = new Date()) {
  const [m] = await db()
    .select({
      ...meetingColumns,
      endsAt: meetings.endsAt,
      attendanceMode: meetings.attendanceMode,
      statusReason: meetings.statusReason,
      urgencyReason: meetings.urgencyReason,
      sourceNote: meetings.sourceNote,
      minutesApprovalUnknown: meetings.minutesApprovalUnknown,
      minutesApprovedAtMeetingId: meetings.minutesApprovedAtMeetingId,
      minutesApprovedAtItemId: meetings.minutesApprovedAtItemId,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(and(eq(meetings.slug, slug), meetingVisible(viewer)));
  if (!m) return null;
  const items = await listAgendaItems(viewer, m.id);
  return {
    ...toListItem(m, now),
    endsAt: m.endsAt?.toISOString() ?? null,
    attendanceMode: m.attendanceMode,
    statusReason: m.statusReason,
    urgencyReasonHtml: renderMarkdown(m.urgencyReason),
    agendaPublishedAt: m.agendaPublishedAt?.toISOString() ?? null,
    /** When the agenda was published, as the sources give it (app/rules/date-precision.server.ts). */
    agendaPublished: publicationText(m.agendaPublishedAt, m.agendaPublishedPrecision),
    /** True when this meeting's day is known, so it can be added to a calendar. */
    calendarDay: m.datePrecision === "exact",
    sourceNote: m.sourceNote,
    minutesState: minutesState(m),
    minutesApproved: m.minutesApprovedAt ? describeDate(m.minutesApprovedAt, "exact").text : null,
    minutesApprovedAtMeeting: await approvingMeeting(viewer, m.minutesApprovedAtMeetingId, m.minutesApprovedAtItemId),
    items,
  };
}

/** The meeting (and its agenda item, numbered as its agenda) at which minutes were approved, as the viewer may see it. */
async function approvingMeeting(viewer: Viewer, meetingId: string | null, itemId: string | null) {
  if (!meetingId) return null;
  const [a] = await db()
    .select({ id: meetings.id, title: meetings.title, slug: meetings.slug })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), meetingVisible(viewer)));
  if (!a) return null;
  const item = itemId ? (await listAgendaItems(viewer, a.id)).find((i) => i.id === itemId) : undefined;
  return { title: a.title, slug: a.slug, itemNumber: item?.number ?? null };
}

/**
 * Attendance and declarations of interest, shown with the minutes (issue 4): only
 * once the viewer may read the minutes, and declarations only for items whose
 * content the viewer may see.
 */
export async function minutesRecord(viewer: Viewer, meetingId: string) {
  const [m] = await db()
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), meetingVisible(viewer), minutesVisible(viewer)));
  if (!m) return { attendance: [], declarations: {} as Record<string, { personId: string; person: string; kind: string; nature: string; leftRoom: boolean }[]> };
  const attendance = await attendanceList(meetingId);
  const rows = await db()
    .select({
      agendaItemId: interestDeclarations.agendaItemId,
      personId: interestDeclarations.personId,
      person: person.name,
      kind: interestDeclarations.kind,
      nature: interestDeclarations.nature,
      leftRoom: interestDeclarations.leftRoom,
    })
    .from(interestDeclarations)
    .innerJoin(...person.on(interestDeclarations.personId))
    .innerJoin(agendaItems, eq(agendaItems.id, interestDeclarations.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItems.meetingId, meetingId), agendaItemVisible(viewer), agendaItemContentVisible(viewer)))
    .orderBy(asc(interestDeclarations.createdAt));
  const declarations: Record<string, { personId: string; person: string; kind: string; nature: string; leftRoom: boolean }[]> = {};
  for (const r of rows) (declarations[r.agendaItemId] ??= []).push({ personId: r.personId, person: r.person, kind: r.kind, nature: r.nature, leftRoom: r.leftRoom });
  return {
    attendance: attendance.map(({ id, personId, name, roleLabel, role, status, statusLabel, substituteFor }) => ({ id, personId, name, role, roleLabel, status, statusLabel, substituteFor })),
    declarations,
  };
}
