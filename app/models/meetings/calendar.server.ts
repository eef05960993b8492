/**
 * The meeting calendar (issue 18, item 3): the meetings of one month, placed on
 * their London day, and the forthcoming meetings across bodies. Only meetings
 * the viewer may see; a meeting the sources do not date to the day is never put
 * on a day of the grid (app/rules/date-precision.server.ts), and is counted so
 * the page can say so.
 */
import { and, asc, count, eq, gte, lt, ne } from "drizzle-orm";
import { meetings } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { calendarDayOf } from "../../rules/calendar-month.server";
import { meetingVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { bodiesByName, body } from "../people/refs.server";
import { meetingColumns, toListItem, type MeetingRow } from "./meetings.server";

/** The boards and committees the calendar can be narrowed to. */
export function calendarBodies() {
  return bodiesByName(db());
}

/** The London clock time of an instant, as the calendar shows it ("6pm", "10:30am"). */
function shortTime(at: Date) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true })
    .format(at)
    .replace(" ", "")
    .replace(":00", "");
}

/** Meetings starting in [from, until), each with its London day; and how many in that span the sources do not date to the day. */
export async function calendarMeetings(viewer: Viewer, options: { from: Date; until: Date; bodyId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const inRange = and(
    meetingVisible(viewer),
    gte(meetings.startsAt, options.from),
    lt(meetings.startsAt, options.until),
    options.bodyId ? eq(meetings.bodyId, options.bodyId) : undefined,
  );
  const rows = (await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(and(inRange, eq(meetings.datePrecision, "exact")))
    .orderBy(asc(meetings.startsAt), asc(meetings.slug))
    .limit(500)) as MeetingRow[];
  const [{ undated }] = await db()
    .select({ undated: count() })
    .from(meetings)
    .where(and(inRange, ne(meetings.datePrecision, "exact")));
  return {
    meetings: rows.map((m) => ({ ...toListItem(m, now), day: calendarDayOf(m.startsAt), time: shortTime(m.startsAt) })),
    undated: Number(undated),
  };
}

/** Meetings from now on, soonest first, one page at a time (cancelled and postponed ones too: the page says so). */
export async function forthcomingMeetings(viewer: Viewer, options: { page: number; bodyId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const where = and(meetingVisible(viewer), gte(meetings.startsAt, now), options.bodyId ? eq(meetings.bodyId, options.bodyId) : undefined);
  const [{ total }] = await db().select({ total: count() }).from(meetings).where(where);
  const rows = (await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(where)
    .orderBy(asc(meetings.startsAt), asc(meetings.slug))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE)) as MeetingRow[];
  return { total, meetings: rows.map((m) => ({ ...toListItem(m, now), calendarDay: m.datePrecision === "exact" })) };
}
