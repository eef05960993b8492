/**
 * Calendar (RFC 5545) feeds of the public record: the rendering, with Europe/London times, and the
 * public meetings calendar, built with the public viewer's visibility conditions (see feeds.server.ts).
 */
import { and, desc, eq } from "drizzle-orm";
import type { DatePrecision } from "../../../db/schema/columns";
import { db } from "../../db.server";
import { getEnv } from "../../env.server";
import { meetingStatus, type MeetingStatus } from "../../rules/meeting-status.server";
import { PUBLIC_VIEWER, type Viewer } from "../../rules/viewer.server";
import { meetingVisible } from "../../rules/visibility.server";
import { calendarStart } from "../../rules/date-precision.server";
import { refTable } from "../../utils/refs.server";
import { meeting } from "../meetings/refs.server";
import { body } from "../people/refs.server";
import { hostOf, titleWithBody } from "./feeds-shared.server";

/** A meeting as its calendar event needs it (the refs type their fields loosely, so the row's type is said here). */
type MeetingRow = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  datePrecision: DatePrecision;
  venue: string | null;
  status: MeetingStatus;
  statusReason: string | null;
  agendaPublishedAt: Date | null;
  version: number;
  updatedAt: Date;
  bodyName: string;
};

/** RFC 5545 3.3.11 TEXT escaping. */
export function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** The wall-clock time in Europe/London as YYYYMMDDTHHMMSS. */
function londonStamp(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "X-LIC-LOCATION:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export interface CalendarEvent {
  uid: string;
  sequence: number;
  stamp: Date;
  summary: string;
  description?: string;
  location?: string | null;
  url: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** A timed event, or an all-day one (YYYY-MM-DD). */
  start: Date | string;
  end?: Date | null;
}

export function renderCalendar(name: string, events: CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Board portal//Meetings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(name)}`,
    "X-WR-TIMEZONE:Europe/London",
    ...VTIMEZONE,
  ];
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.stamp)}`, `SEQUENCE:${e.sequence}`);
    if (typeof e.start === "string") {
      const day = e.start.replace(/-/g, "");
      const next = new Date(`${e.start}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      lines.push(`DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, "")}`);
    } else {
      const end = e.end ?? new Date(e.start.getTime() + 2 * 3_600_000);
      lines.push(`DTSTART;TZID=Europe/London:${londonStamp(e.start)}`, `DTEND;TZID=Europe/London:${londonStamp(end)}`);
    }
    lines.push(`SUMMARY:${icsText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    lines.push(`URL:${e.url}`, `STATUS:${e.status}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/**
 * A public meeting's calendar status: cancelled, postponed (tentative), else
 * confirmed once its agenda is published (a meeting reaches a public feed only
 * then: app/rules/visibility.server.ts), tentative before.
 */
export function calendarStatus(status: string, agendaPublished: boolean): CalendarEvent["status"] {
  if (status === "cancelled") return "CANCELLED";
  if (status === "postponed") return "TENTATIVE";
  return agendaPublished ? "CONFIRMED" : "TENTATIVE";
}

/**
 * Meetings as calendar events. A meeting whose day the sources do not give is
 * left out: a calendar cannot hold an event without a day, and an invented one
 * would be read as the real date (app/rules/date-precision.server.ts).
 */
export async function meetingEvents(viewer: Viewer, site: string, bodyId?: string, meetingId?: string): Promise<CalendarEvent[]> {
  const rows = (await db()
    .select({
      id: meeting.id,
      slug: meeting.slug,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      datePrecision: meeting.datePrecision,
      venue: meeting.venue,
      status: meeting.status,
      statusReason: meeting.statusReason,
      agendaPublishedAt: meeting.agendaPublishedAt,
      version: meeting.version,
      updatedAt: meeting.updatedAt,
      bodyName: body.name,
    })
    .from(refTable(meeting))
    .innerJoin(...body.on(meeting.bodyId))
    .where(and(meetingVisible(viewer), bodyId ? eq(meeting.bodyId, bodyId) : undefined, meetingId ? eq(meeting.id, meetingId) : undefined))
    .orderBy(desc(meeting.startsAt))
    .limit(500)) as MeetingRow[];
  const host = hostOf(site);
  const events: CalendarEvent[] = [];
  for (const m of rows) {
    const start = calendarStart(m.startsAt, m.datePrecision);
    if (!start) continue;
    const status = meetingStatus(m);
    events.push({
      uid: `${m.id}@${host}`,
      sequence: m.version,
      stamp: m.updatedAt,
      summary: `${titleWithBody(m.bodyName, m.title)}${status === "cancelled" ? " (cancelled)" : status === "postponed" ? " (postponed)" : ""}`,
      description: [`${site}/meetings/${m.slug}`, m.statusReason].filter(Boolean).join("\n\n"),
      location: m.venue,
      url: `${site}/meetings/${m.slug}`,
      status: calendarStatus(status, m.agendaPublishedAt !== null),
      start,
      end: m.endsAt,
    });
  }
  return events;
}

/** One public meeting as an iCalendar file ("Add to calendar"); null when it is not public or has no known day. */
export async function meetingCalendar(site: string, slug: string): Promise<string | null> {
  const [m] = (await db()
    .select({ id: meeting.id, title: meeting.title, bodyName: body.name })
    .from(refTable(meeting))
    .innerJoin(...body.on(meeting.bodyId))
    .where(and(eq(meeting.slug, slug), meetingVisible(PUBLIC_VIEWER)))) as Pick<MeetingRow, "id" | "title" | "bodyName">[];
  if (!m) return null;
  const events = await meetingEvents(PUBLIC_VIEWER, site, undefined, m.id);
  if (events.length === 0) return null;
  return renderCalendar(titleWithBody(m.bodyName, m.title), events);
}

export async function meetingsCalendar(site: string, bodySlug?: string): Promise<string | null> {
  let found: { id: string; name: string } | undefined;
  if (bodySlug) {
    [found] = (await db().select({ id: body.id, name: body.name }).from(refTable(body)).where(eq(body.slug, bodySlug))) as { id: string; name: string }[];
    if (!found) return null;
  }
  const name = `${getEnv().SITE_NAME}${found ? `: ${found.name}` : ""}: meetings`;
  return renderCalendar(name, await meetingEvents(PUBLIC_VIEWER, site, found?.id));
}
