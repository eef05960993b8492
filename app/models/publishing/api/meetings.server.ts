/** The API's meetings (Open Civic Data events), with their agenda. */
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { DatePrecision } from "../../../../db/schema/columns";
import { db } from "../../../db.server";
import { apiDate } from "../../../rules/date-precision.server";
import { meetingStatus, type MeetingStatus } from "../../../rules/meeting-status.server";
import { agendaItemContentVisible, agendaItemVisible, meetingVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { listAgendaItems, meetingMedia, minutesRecord, type ItemOffset, type MeetingRecording } from "../../meetings";
import { agendaItem, meeting, minuteOfItem } from "../../meetings/refs.server";
import { body } from "../../people/refs.server";
import { meetingDecisionsApi } from "./decisions.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, dateRange, iso, viewer } from "./shared.server";

const OCD_STATUS: Record<string, string> = {
  scheduled: "tentative",
  confirmed: "confirmed",
  postponed: "postponed",
  cancelled: "cancelled",
  held: "passed",
};

const meetingColumns = refFields(meeting);
/** A meeting as the meetings refs offer it (their fields are typed loosely: those used here are said here). */
type MeetingRow = Record<keyof typeof meetingColumns, unknown> & {
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date | null;
  datePrecision: DatePrecision;
  dateNote: string | null;
  agendaPublishedAt: Date | null;
  agendaPublishedPrecision: DatePrecision;
  minutesPublishedAt: Date | null;
  minutesPublishedPrecision: DatePrecision;
  minutesApprovedAt: Date | null;
};
const bodyColumns = { id: body.id, name: body.name, slug: body.slug };

/** Meetings with their body. */
function meetingRows() {
  return db().select({ m: meetingColumns, b: bodyColumns }).from(refTable(meeting)).innerJoin(...body.on(meeting.bodyId));
}

function meetingOut(site: string, m: MeetingRow, body: Record<keyof typeof bodyColumns, unknown>) {
  const status = meetingStatus(m);
  return {
    id: m.id,
    slug: m.slug,
    name: m.title,
    classification: "meeting",
    // A date not known to the day is null, with its precision and note (app/rules/date-precision.server.ts).
    ...apiDate("start_date", m.startsAt, m.datePrecision, m.dateNote),
    end_date: m.datePrecision === "exact" ? iso(m.endsAt) : null,
    all_day: false,
    timezone: "Europe/London",
    date_precision: m.datePrecision,
    date_note: m.dateNote,
    status: OCD_STATUS[status] ?? status,
    status_reason: m.statusReason,
    location: m.venue ? { name: m.venue, attendance_mode: m.attendanceMode } : null,
    organization_id: body.id,
    organization: { id: body.id, name: body.name, slug: body.slug },
    ...apiDate("agenda_published_at", m.agendaPublishedAt, m.agendaPublishedPrecision),
    urgency_reason: m.urgencyReason,
    ...apiDate("minutes_published_at", m.minutesPublishedAt, m.minutesPublishedPrecision),
    /** The day of the meeting that approved them (the approval is dated to it: app/rules/minutes-approval.server.ts). */
    minutes_approved_at: iso(m.minutesApprovedAt),
    minutes_approved_at_meeting_id: m.minutesApprovedAtMeetingId ?? null,
    source_note: m.sourceNote,
    sources: [{ url: `${site}/meetings/${m.slug}`, note: "web page" }],
    url: `${site}/meetings/${m.slug}`,
    api_url: `${site}/api/v1/meetings/${m.id}`,
  };
}

/** Open Civic Data event media: the webcast or recording, with a start offset in seconds (null for the whole meeting). */
function ocdMedia(recording: MeetingRecording, offset: ItemOffset | null) {
  return {
    note: recording.kindLabel,
    kind: recording.kind,
    date: null,
    offset: offset ? offset.seconds : null,
    length_seconds: recording.lengthSeconds,
    links: [{ media_type: "text/html", url: offset ? offset.url : recording.url }],
  };
}

export async function listMeetingsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(meetingVisible(viewer), bodyId ? eq(meeting.bodyId, bodyId) : undefined, dateRange(meeting.startsAt, p));
  const [{ total }] = await db().select({ total: count() }).from(refTable(meeting)).where(where);
  const rows = await meetingRows()
    .where(where)
    .orderBy(desc(meeting.startsAt), asc(meeting.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => meetingOut(site, r.m as MeetingRow, r.b)));
}

export async function getMeetingApi(site: string, id: string) {
  const [r] = await meetingRows().where(and(eq(meeting.id, id), meetingVisible(viewer)));
  if (!r) return null;
  const [items, media] = await Promise.all([listAgendaItems(viewer, id), meetingMedia(viewer, id)]);
  const { recording } = media;
  const full = items.filter((i) => i.contentVisible).map((i) => i.id);
  const texts = full.length
    ? await db()
        .select({ id: agendaItem.id, body: agendaItem.body, purpose: agendaItem.purpose })
        .from(refTable(agendaItem))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(inArray(agendaItem.id, full), agendaItemVisible(viewer), agendaItemContentVisible(viewer)))
    : [];
  const minuteRows = full.length && r.m.minutesPublishedAt
    ? await db()
        .select({ agendaItemId: minuteOfItem.agendaItemId, body: minuteOfItem.body, decisions: minuteOfItem.decisions })
        .from(refTable(minuteOfItem))
        .where(sql`${minuteOfItem.agendaItemId} in (${sql.join(full.map((x) => sql`${x}`), sql`, `)})`)
    : [];
  // Attendance and declarations as the meeting page shows them: once the minutes are published,
  // declarations only on items the public sees in full.
  const record = await minutesRecord(viewer, id);
  return {
    ...meetingOut(site, r.m as MeetingRow, r.b),
    media: recording ? [ocdMedia(recording, null)] : [],
    attendance: record.attendance.map((a) => ({
      person_id: a.personId,
      name: a.name,
      role: a.role,
      status: a.status,
      substitute_for: a.substituteFor,
      person_api_url: a.personId ? `${site}/api/v1/people/${a.personId}` : null,
    })),
    declarations: items.flatMap((i) =>
      (record.declarations[i.id] ?? []).map((d) => ({
        agenda_item_id: i.id,
        person_id: d.personId,
        name: d.person,
        kind: d.kind,
        nature: d.nature,
        left_room: d.leftRoom,
      })),
    ),
    agenda: items.map((i) => {
      const t = texts.find((x) => x.id === i.id);
      const minute = minuteRows.find((x) => x.agendaItemId === i.id);
      return {
        id: i.id,
        order: i.number,
        description: i.title,
        parent_id: i.parentId,
        supplementary: i.supplementary,
        exempt: i.isExempt
          ? { paragraph: i.exemptParagraph, wording: i.exemptParagraphWording, public_interest_reason: i.exemptReason, review_on: i.exemptReviewDay }
          : null,
        released_at: iso(i.releasedAt),
        purpose_markdown: t?.purpose ?? null,
        body_markdown: t?.body ?? null,
        lead_officer: i.leadOfficer,
        documents: i.documents.map((d) => ({ slug: d.slug, title: d.title, kind: d.kind, url: `${site}/documents/${d.slug}` })),
        minute: minute ? { body_markdown: minute.body, decisions_markdown: minute.decisions } : null,
        // Only items whose content the public may see have an offset (media.offsets leaves exempt items out).
        media: recording && media.offsets[i.id] ? [ocdMedia(recording, media.offsets[i.id])] : [],
        url: `${site}/agenda-items/${i.id}`,
      };
    }),
    decisions: await meetingDecisionsApi(site, id),
  };
}
