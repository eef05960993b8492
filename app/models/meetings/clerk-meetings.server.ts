/** The clerk's view of meetings: the dashboard with deadlines and what is missing, one meeting to work on, the bodies. */
import { and, asc, eq, gte, isNull, or, sql } from "drizzle-orm";
import { agendaItems, meetings } from "../../../db/schema/meetings";
import { body, bodiesByName } from "../people/refs.server";
import { db, type Executor } from "../../db.server";
import { formatDate, formatDateTime, isoDay } from "../../rules/dates.server";
import { clearDaysBetween, latestPublicationDay, type ClockRule } from "../../rules/deadlines.server";
import { MEETING_STATUS_LABELS, meetingStatus, minutesState } from "../../rules/meeting-status.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import { EXEMPT_PARAGRAPH_WORDING } from "../../rules/visibility.server";
import { getClockRule } from "../records";
import { isUuid } from "../../utils/uuid";

/** The statutory deadline for a meeting under a rule, or null for a date outside the bank holiday list. */
export function deadlineFor(startsAt: Date, rule: ClockRule) {
  try {
    return latestPublicationDay(isoDay(startsAt), rule);
  } catch {
    return null;
  }
}

/** The clerk's dashboard: upcoming meetings with their deadline and what is still missing; minutes to do. */
export async function clerkDashboard(now = new Date()) {
  const rule = await getClockRule();
  const today = isoDay(now);
  const upcoming = await db()
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
      agendaPublishedAt: meetings.agendaPublishedAt,
      minutesPublishedAt: meetings.minutesPublishedAt,
      minutesApprovedAt: meetings.minutesApprovedAt,
      minutesApprovalUnknown: meetings.minutesApprovalUnknown,
      body: body.name,
      items: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id})`,
      draftItems: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.published_at is null)`,
      noLeadOfficer: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.lead_officer_id is null and ai.parent_id is null)`,
      exemptNoSummary: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.is_exempt and coalesce(ai.public_summary, '') = '')`,
      minuteCount: sql<number>`(select count(*)::int from minutes mi join agenda_items ai on ai.id = mi.agenda_item_id where ai.meeting_id = ${meetings.id})`,
    })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(
      or(
        gte(meetings.startsAt, new Date(now.getTime() - 24 * 3600 * 1000)),
        and(isNull(meetings.minutesApprovedAt), eq(meetings.minutesApprovalUnknown, false), gte(meetings.startsAt, new Date(now.getTime() - 365 * 24 * 3600 * 1000))),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(50);
  return upcoming.map((m) => {
    const deadline = deadlineFor(m.startsAt, rule);
    const past = m.startsAt < now;
    const status = meetingStatus(m, now);
    const missing: string[] = [];
    if (Number(m.items) === 0) missing.push("No agenda items yet");
    if (!m.agendaPublishedAt) missing.push("Agenda not published");
    if (m.agendaPublishedAt && Number(m.draftItems) > 0) missing.push(`${m.draftItems} new item(s) not yet published (supplementary agenda)`);
    if (Number(m.noLeadOfficer) > 0) missing.push(`${m.noLeadOfficer} item(s) without a lead officer`);
    if (past && Number(m.exemptNoSummary) > 0) missing.push(`${m.exemptNoSummary} exempt item(s) without a public summary`);
    if (past && !m.minutesPublishedAt) missing.push(Number(m.minuteCount) === 0 ? "No minutes written" : "Minutes not published");
    if (m.minutesPublishedAt && !m.minutesApprovedAt) missing.push("Minutes awaiting approval");
    return {
      id: m.id,
      slug: m.slug,
      title: m.title,
      body: m.body,
      when: formatDateTime(m.startsAt),
      statusLabel: MEETING_STATUS_LABELS[status],
      past,
      deadline: deadline ? formatDate(deadline) : "Outside the bank holiday list",
      deadlinePassed: deadline ? today > deadline : false,
      clearDaysLeft: deadline && !past ? clearDaysBetween(today, isoDay(m.startsAt), rule) : null,
      agendaPublished: m.agendaPublishedAt ? formatDateTime(m.agendaPublishedAt) : null,
      minutesState: minutesState(m),
      missing,
    };
  });
}

/** One meeting as the clerk works on it: every item (drafts and exempt too), numbered. */
export async function getClerkMeeting(id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [m] = await db()
    .select({ meeting: meetings, bodyName: body.name, bodySlug: body.slug })
    .from(meetings)
    .innerJoin(...body.on(meetings.bodyId))
    .where(eq(meetings.id, id));
  if (!m) return null;
  const rows = await db()
    .select({
      id: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      isExempt: agendaItems.isExempt,
      exemptParagraph: agendaItems.exemptParagraph,
      publishedAt: agendaItems.publishedAt,
      hasMinute: sql<boolean>`exists (select 1 from minutes mi where mi.agenda_item_id = "agenda_items"."id" and btrim(mi.body) <> '')`,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, id));
  const numbered = numberAgendaItems(rows);
  const rule = await getClockRule();
  const deadline = deadlineFor(m.meeting.startsAt, rule);
  const siblings = (item: (typeof numbered)[number]) => numbered.filter((o) => o.parentId === item.parentId);
  return {
    meeting: m.meeting,
    bodyName: m.bodyName,
    bodySlug: m.bodySlug,
    status: meetingStatus(m.meeting, now),
    deadline,
    deadlineText: deadline ? formatDate(deadline) : null,
    lateNow: deadline ? isoDay(now) > deadline : false,
    minutesState: minutesState(m.meeting),
    items: numbered.map((i) => {
      const sibs = siblings(i).sort((a, b) => a.position - b.position);
      const index = sibs.findIndex((s) => s.id === i.id);
      return {
        id: i.id,
        number: i.number,
        depth: i.depth,
        parentId: i.parentId,
        title: i.title,
        isExempt: i.isExempt,
        exemptParagraph: i.exemptParagraph,
        exemptWording: i.exemptParagraph ? EXEMPT_PARAGRAPH_WORDING[i.exemptParagraph] : null,
        published: i.publishedAt !== null,
        supplementary: Boolean(i.publishedAt && m.meeting.agendaPublishedAt && i.publishedAt > m.meeting.agendaPublishedAt),
        hasMinute: Boolean(i.hasMinute),
        canMoveUp: index > 0,
        canMoveDown: index < sibs.length - 1,
      };
    }),
  };
}

export async function clerkBodies(executor: Executor = db()) {
  return bodiesByName(executor);
}
