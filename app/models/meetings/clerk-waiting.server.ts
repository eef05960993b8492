/**
 * The meetings waiting for the clerk (the clerk's inbox, app/models/inbox): agendas due to
 * publish by the statutory deadline, minutes not yet published, published minutes waiting
 * for approval. Deadlines come from app/rules/deadlines.server.ts, meeting and minutes states
 * from app/rules/meeting-status.server.ts.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { meetings } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { dateText } from "../../rules/date-precision.server";
import { agendaPublicationDue } from "../../rules/deadlines.server";
import { meetingStatus, minutesState } from "../../rules/meeting-status.server";
import { body } from "../people/refs.server";
import { getClockRule } from "../records";

const DAY_MS = 24 * 3600 * 1000;
/** Minutes of meetings held longer ago than this are the archive's, not work waiting (as the dashboard's table). */
export const MINUTES_LOOK_BACK_DAYS = 365;
/** Far enough ahead to hold every meeting whose agenda deadline is inside the inbox's window. */
const AGENDA_LOOK_AHEAD_DAYS = 60;
const LIVE = ["scheduled", "confirmed", "held"] as const;

const columns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  datePrecision: meetings.datePrecision,
  status: meetings.status,
  minutesPublishedAt: meetings.minutesPublishedAt,
  minutesApprovedAt: meetings.minutesApprovedAt,
  minutesApprovalUnknown: meetings.minutesApprovalUnknown,
  body: body.name,
};

/** Meetings not yet held whose agenda is unpublished and due (or overdue) to publish, soonest deadline first. */
export async function agendasDueToPublish(now = new Date()) {
  const rule = await getClockRule();
  const today = isoDay(now);
  const rows = await db()
    .select(columns)
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(
      and(
        isNull(meetings.agendaPublishedAt),
        inArray(meetings.status, ["scheduled", "confirmed"]),
        gte(meetings.startsAt, now),
        lte(meetings.startsAt, new Date(now.getTime() + AGENDA_LOOK_AHEAD_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return rows.flatMap((m) => {
    let due;
    try {
      due = agendaPublicationDue(isoDay(m.startsAt), today, rule);
    } catch {
      return []; // a year outside the bank holiday list: no deadline can be said
    }
    if (!due) return [];
    return [
      {
        id: m.id,
        title: m.title,
        body: m.body,
        when: dateText(m.startsAt, m.datePrecision, true),
        deadline: formatDate(due.deadline),
        deadlinePassed: due.passed,
        workingDaysLeft: due.workingDaysLeft,
      },
    ];
  });
}

/** Meetings held in the last year whose minutes are not yet published (written or not), oldest first. */
export async function minutesNotPublished(now = new Date()) {
  const rows = await db()
    .select({
      ...columns,
      items: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id})`,
      written: sql<number>`(select count(*)::int from minutes mi join agenda_items ai on ai.id = mi.agenda_item_id
        where ai.meeting_id = ${meetings.id} and (mi.body <> '' or mi.decisions <> ''))`,
    })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(
      and(
        isNull(meetings.minutesPublishedAt),
        isNull(meetings.minutesApprovedAt),
        inArray(meetings.status, [...LIVE]),
        lt(meetings.startsAt, now),
        gte(meetings.startsAt, new Date(now.getTime() - MINUTES_LOOK_BACK_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return rows
    .filter((m) => meetingStatus(m, now) === "held" && minutesState(m) === "none")
    .map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      when: dateText(m.startsAt, m.datePrecision, true),
      items: Number(m.items),
      written: Number(m.written),
    }));
}

/**
 * Published minutes not yet approved, oldest first, each with the later meeting of the same
 * body where they can be approved (the soonest one), or null when there is none yet.
 */
export async function minutesWaitingForApproval() {
  const rows = await db()
    .select({
      ...columns,
      approveAt: sql<string | null>`(select m2.id from meetings m2 where m2.body_id = ${meetings.bodyId}
        and m2.starts_at > ${meetings.startsAt} and m2.status not in ('cancelled', 'postponed') order by m2.starts_at asc limit 1)`,
      approveAtTitle: sql<string | null>`(select m2.title from meetings m2 where m2.body_id = ${meetings.bodyId}
        and m2.starts_at > ${meetings.startsAt} and m2.status not in ('cancelled', 'postponed') order by m2.starts_at asc limit 1)`,
    })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(and(isNotNull(meetings.minutesPublishedAt), isNull(meetings.minutesApprovedAt), eq(meetings.minutesApprovalUnknown, false)))
    .orderBy(asc(meetings.startsAt), desc(meetings.id));
  return rows
    .filter((m) => minutesState(m) === "draft")
    .map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      when: dateText(m.startsAt, m.datePrecision, true),
      approveAt: m.approveAt ? { id: m.approveAt, title: m.approveAtTitle ?? "" } : null,
    }));
}
