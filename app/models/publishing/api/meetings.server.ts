/** The API's meetings (Open Civic Data events), with their agenda. */
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { DatePrecision } from "../../../../db/schema/columns";
import { db } from "../../../db.server";
import { apiDate } from "../../../rules/date-precision.server";
import { meetingStatus, type MeetingStatus } from "../../../rules/meeting-status.server";
import { agendaItemContentVisible, agendaItemVisible, meetingVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { listAgendaItems } from "../../meetings";
import { agendaItem, meeting, minuteOfItem } from "../../meetings/refs.server";
import { body } from "../../people/refs.server";
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
    minutes_approved_at: iso(m.minutesApprovedAt),
    source_note: m.sourceNote,
    sources: [{ url: `${site}/meetings/${m.slug}`, note: "web page" }],
    url: `${site}/meetings/${m.slug}`,
    api_url: `${site}/api/v1/meetings/${m.id}`,
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
  const items = await listAgendaItems(viewer, id);
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
  return {
    ...meetingOut(site, r.m as MeetingRow, r.b),
    agenda: items.map((i) => {
      const t = texts.find((x) => x.id === i.id);
      const minute = minuteRows.find((x) => x.agendaItemId === i.id);
      return {
        id: i.id,
        order: i.number,
        description: i.title,
        parent_id: i.parentId,
        supplementary: i.supplementary,
        exempt: i.isExempt ? { paragraph: i.exemptParagraph, wording: i.exemptParagraphWording } : null,
        purpose_markdown: t?.purpose ?? null,
        body_markdown: t?.body ?? null,
        lead_officer: i.leadOfficer,
        documents: i.documents.map((d) => ({ slug: d.slug, title: d.title, kind: d.kind, url: `${site}/documents/${d.slug}` })),
        minute: minute ? { body_markdown: minute.body, decisions_markdown: minute.decisions } : null,
        url: `${site}/agenda-items/${i.id}`,
      };
    }),
  };
}
