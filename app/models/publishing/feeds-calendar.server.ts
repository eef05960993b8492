/**
 * Calendar (RFC 5545) feeds of the public record: the rendering, with Europe/London times, and the
 * public meetings calendar, built with the public viewer's visibility conditions (see feeds.server.ts).
 */
import { and, desc, eq } from "drizzle-orm";
import { bodies, meetings } from "../../../db/schema";
import { db } from "../../db.server";
import { getEnv } from "../../env.server";
import { meetingStatus } from "../../rules/meeting-status.server";
import { PUBLIC_VIEWER, type Viewer } from "../../rules/viewer.server";
import { meetingVisible } from "../../rules/visibility.server";
import { calendarStart } from "../../rules/date-precision.server";
import { hostOf, titleWithBody } from "./feeds-shared.server";

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
  const rows = await db()
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      datePrecision: meetings.datePrecision,
      venue: meetings.venue,
      status: meetings.status,
      statusReason: meetings.statusReason,
      agendaPublishedAt: meetings.agendaPublishedAt,
      version: meetings.version,
      updatedAt: meetings.updatedAt,
      bodyName: bodies.name,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(meetingVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined, meetingId ? eq(meetings.id, meetingId) : undefined))
    .orderBy(desc(meetings.startsAt))
    .limit(500);
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
  const [m] = await db()
    .select({ id: meetings.id, title: meetings.title, bodyName: bodies.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(meetings.slug, slug), meetingVisible(PUBLIC_VIEWER)));
  if (!m) return null;
  const events = await meetingEvents(PUBLIC_VIEWER, site, undefined, m.id);
  if (events.length === 0) return null;
  return renderCalendar(titleWithBody(m.bodyName, m.title), events);
}

export async function meetingsCalendar(site: string, bodySlug?: string): Promise<string | null> {
  let body: { id: string; name: string } | undefined;
  if (bodySlug) {
    [body] = await db().select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.slug, bodySlug));
    if (!body) return null;
  }
  const name = `${getEnv().SITE_NAME}${body ? `: ${body.name}` : ""}: meetings`;
  return renderCalendar(name, await meetingEvents(PUBLIC_VIEWER, site, body?.id));
}
