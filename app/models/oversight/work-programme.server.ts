/**
 * The board's work programme (issue 17 item 6; docs/decisions/043-work-programme.md): its
 * topics per body and municipal year, what each one's status is, and how the programme covers
 * each strategic priority. Every read takes the Viewer: a proposed topic is for members and
 * clerks only (workProgrammeTopicVisible), the agenda item, the meeting, the lead officer and
 * the recommendation a topic names are shown only where the viewer may see them.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import {
  agendaItemPriorities,
  priorities,
  recommendationPriorities,
  recommendations,
  TOPIC_KINDS,
  TOPIC_REASONS,
  workProgrammeTopics,
} from "../../../db/schema/oversight";
import { db, type Executor } from "../../db.server";
import { formatDate, formatDateTime } from "../../rules/dates.server";
import { municipalYearBounds, municipalYearLabel } from "../../rules/municipal-year.server";
import type { MeetingStatus } from "../../rules/meeting-status.server";
import { topicStatus, TOPIC_STATUS_LABELS, type TopicStatus } from "../../rules/topic-status.server";
import { canSeeDrafts, type Viewer } from "../../rules/viewer.server";
import {
  agendaItemTitleSeen,
  agendaItemVisible,
  personVisible,
  recommendationVisible,
  workProgrammeTopicVisible,
} from "../../rules/visibility.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, meeting, meetingRef } from "../meetings/refs.server";
import { body, person } from "../people/refs.server";

export type TopicReason = (typeof TOPIC_REASONS)[number];
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const TOPIC_REASON_LABELS: Record<TopicReason, string> = {
  member_suggestion: "A member's suggestion",
  inspection_finding: "An inspection finding",
  priority: "A strategic priority",
  recommendation_review: "A recommendation to review",
};

export const TOPIC_KIND_LABELS: Record<TopicKind, string> = {
  report: "Report to a meeting",
  review: "Review",
  task_and_finish: "Task-and-finish group",
  site_visit: "Site visit",
};

const plannedMeeting = meetingRef("planned_meeting");

/** Where a meeting's London day falls within a municipal year. */
function londonDay(col: SQL | unknown): SQL<string> {
  return sql<string>`((${col}) at time zone 'Europe/London')::date`;
}

function topicColumns(viewer: Viewer) {
  const itemSeen = and(isNotNull(agendaItem.id), agendaItemVisible(viewer))!;
  const plannedSeen = canSeeDrafts(viewer) ? isNotNull(plannedMeeting.id) : isNotNull(plannedMeeting.agendaPublishedAt);
  return {
    id: workProgrammeTopics.id,
    bodyId: workProgrammeTopics.bodyId,
    bodyName: body.name,
    bodySlug: body.slug,
    municipalYear: workProgrammeTopics.municipalYear,
    title: workProgrammeTopics.title,
    description: workProgrammeTopics.description,
    reason: workProgrammeTopics.reason,
    kind: workProgrammeTopics.kind,
    decision: workProgrammeTopics.decision,
    decisionReason: workProgrammeTopics.decisionReason,
    priorityId: workProgrammeTopics.priorityId,
    priorityTitle: priorities.title,
    prioritySlug: priorities.slug,
    recommendationId: sql<string | null>`case when ${recommendationVisible(viewer)} then ${recommendations.id} end`,
    recommendationReference: sql<string | null>`case when ${recommendationVisible(viewer)} then ${recommendations.reference} end`,
    recommendationSource: sql<string | null>`case when ${recommendationVisible(viewer)} then ${recommendations.source} end`,
    leadOfficerId: workProgrammeTopics.leadOfficerId,
    leadOfficerName: sql<string | null>`case when ${personVisible(viewer)} then ${person.name} end`,
    leadOfficerSlug: sql<string | null>`case when ${personVisible(viewer)} then ${person.slug} end`,
    plannedMeetingId: sql<string | null>`case when ${plannedSeen} then ${plannedMeeting.id} end`,
    plannedMeetingSlug: sql<string | null>`case when ${plannedSeen} then ${plannedMeeting.slug} end`,
    plannedMeetingTitle: sql<string | null>`case when ${plannedSeen} then ${plannedMeeting.title} end`,
    plannedMeetingStartsAt: sql<string | null>`case when ${plannedSeen} then ${plannedMeeting.startsAt} end`,
    hasPlannedMeeting: sql<boolean>`${workProgrammeTopics.plannedMeetingId} is not null`,
    agendaItemId: sql<string | null>`case when ${itemSeen} then ${agendaItem.id} end`,
    agendaItemTitle: sql<string | null>`case when ${itemSeen} then ${agendaItemTitleSeen(viewer)} end`,
    agendaMeetingSlug: sql<string | null>`case when ${itemSeen} then ${meeting.slug} end`,
    agendaMeetingTitle: sql<string | null>`case when ${itemSeen} then ${meeting.title} end`,
    agendaMeetingStartsAt: sql<string | null>`case when ${itemSeen} then ${meeting.startsAt} end`,
    agendaMeetingStatus: sql<string | null>`case when ${itemSeen} then ${meeting.status} end`,
    proposedByUserId: workProgrammeTopics.proposedByUserId,
    updatedAt: workProgrammeTopics.updatedAt,
  };
}

function topicsQuery(executor: Executor, viewer: Viewer) {
  return executor
    .select(topicColumns(viewer))
    .from(workProgrammeTopics)
    .innerJoin(...body.on(workProgrammeTopics.bodyId))
    .leftJoin(priorities, eq(priorities.id, workProgrammeTopics.priorityId))
    .leftJoin(recommendations, eq(recommendations.id, workProgrammeTopics.recommendationId))
    .leftJoin(...person.on(workProgrammeTopics.leadOfficerId))
    .leftJoin(...plannedMeeting.on(workProgrammeTopics.plannedMeetingId))
    .leftJoin(...agendaItem.on(workProgrammeTopics.agendaItemId))
    .leftJoin(...meeting.on(agendaItem.meetingId));
}

type TopicRow = Awaited<ReturnType<ReturnType<typeof topicsQuery>["execute"]>>[number];

const asDate = (v: string | Date | null) => (v == null ? null : v instanceof Date ? v : new Date(v));

function shape(r: TopicRow, now: Date) {
  const agendaStartsAt = asDate(r.agendaMeetingStartsAt);
  const status: TopicStatus = topicStatus(
    {
      decision: r.decision,
      agendaMeeting:
        r.agendaItemId && agendaStartsAt ? { status: r.agendaMeetingStatus as MeetingStatus, startsAt: agendaStartsAt } : null,
    },
    now,
  );
  const plannedStartsAt = asDate(r.plannedMeetingStartsAt);
  return {
    id: r.id,
    href: `/work-programme/topics/${r.id}`,
    body: { id: r.bodyId, name: r.bodyName as string, slug: r.bodySlug as string },
    year: r.municipalYear,
    yearLabel: municipalYearLabel(r.municipalYear),
    title: r.title,
    description: r.description,
    reason: r.reason,
    reasonLabel: TOPIC_REASON_LABELS[r.reason],
    kind: r.kind,
    kindLabel: TOPIC_KIND_LABELS[r.kind],
    decision: r.decision,
    decisionReason: r.decisionReason,
    status,
    statusLabel: TOPIC_STATUS_LABELS[status],
    priority: r.priorityId && r.prioritySlug ? { id: r.priorityId, slug: r.prioritySlug, title: r.priorityTitle as string } : null,
    recommendation: r.recommendationId
      ? { id: r.recommendationId, reference: r.recommendationReference as string, source: r.recommendationSource as string, href: `/recommendations/${r.recommendationId}` }
      : null,
    leadOfficer: r.leadOfficerName ? { name: r.leadOfficerName, slug: r.leadOfficerSlug as string } : null,
    leadOfficerId: r.leadOfficerId,
    plannedMeeting:
      r.plannedMeetingId && plannedStartsAt
        ? { id: r.plannedMeetingId, slug: r.plannedMeetingSlug as string, title: r.plannedMeetingTitle as string, date: formatDateTime(plannedStartsAt) }
        : null,
    /** Planned for a meeting the viewer may not see yet (its agenda is not published). */
    plannedMeetingUnannounced: r.hasPlannedMeeting && !r.plannedMeetingId,
    agendaItem:
      r.agendaItemId && agendaStartsAt
        ? {
            id: r.agendaItemId,
            title: r.agendaItemTitle as string,
            meeting: { slug: r.agendaMeetingSlug as string, title: r.agendaMeetingTitle as string, date: formatDate(agendaStartsAt) },
          }
        : null,
    proposedByUserId: r.proposedByUserId,
    updatedAt: r.updatedAt,
  };
}

export type WorkProgrammeTopic = ReturnType<typeof shape>;

export interface WorkProgrammeFilter {
  year: number;
  bodyId?: string;
  /** Only topics still awaiting a clerk's decision. */
  proposedOnly?: boolean;
  page: number;
  pageSize: number;
}

function filterWhere(viewer: Viewer, f: { year?: number; bodyId?: string; proposedOnly?: boolean }) {
  return and(
    workProgrammeTopicVisible(viewer),
    f.year !== undefined ? eq(workProgrammeTopics.municipalYear, f.year) : undefined,
    f.bodyId ? eq(workProgrammeTopics.bodyId, f.bodyId) : undefined,
    f.proposedOnly ? eq(workProgrammeTopics.decision, "proposed") : undefined,
  );
}

/** One year's programme, as the viewer may see it: by planned meeting, then those to be scheduled. */
export async function listWorkProgramme(viewer: Viewer, f: WorkProgrammeFilter, now = new Date()) {
  const where = filterWhere(viewer, f);
  const [{ total }] = await db().select({ total: count() }).from(workProgrammeTopics).where(where);
  const rows = await topicsQuery(db(), viewer)
    .where(where)
    .orderBy(asc(body.name), sql`${plannedMeeting.startsAt} asc nulls last`, asc(workProgrammeTopics.title), asc(workProgrammeTopics.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: Number(total), topics: rows.map((r) => shape(r, now)) };
}

/** Every topic the viewer may see, newest first, for the API (all years). */
export async function listAllTopics(viewer: Viewer, f: { bodyId?: string; year?: number; page: number; pageSize: number }, now = new Date()) {
  const where = filterWhere(viewer, f);
  const [{ total }] = await db().select({ total: count() }).from(workProgrammeTopics).where(where);
  const rows = await topicsQuery(db(), viewer)
    .where(where)
    .orderBy(desc(workProgrammeTopics.municipalYear), asc(workProgrammeTopics.title), asc(workProgrammeTopics.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: Number(total), topics: rows.map((r) => shape(r, now)) };
}

export async function getTopic(viewer: Viewer, id: string, now = new Date(), executor: Executor = db()) {
  const [row] = await topicsQuery(executor, viewer).where(and(eq(workProgrammeTopics.id, id), workProgrammeTopicVisible(viewer)));
  if (!row) return null;
  const topic = shape(row, now);
  return { ...topic, descriptionHtml: renderMarkdown(topic.description) };
}

/** The topics taken at an agenda item, for the item's page. */
export async function topicsOfAgendaItem(viewer: Viewer, agendaItemId: string) {
  return db()
    .select({ id: workProgrammeTopics.id, title: workProgrammeTopics.title, year: workProgrammeTopics.municipalYear })
    .from(workProgrammeTopics)
    .where(and(eq(workProgrammeTopics.agendaItemId, agendaItemId), workProgrammeTopicVisible(viewer)))
    .orderBy(asc(workProgrammeTopics.title));
}

/** The municipal years that have a programme the viewer may see, newest first. */
export async function workProgrammeYears(viewer: Viewer) {
  const rows = await db()
    .selectDistinct({ year: workProgrammeTopics.municipalYear })
    .from(workProgrammeTopics)
    .where(workProgrammeTopicVisible(viewer))
    .orderBy(desc(workProgrammeTopics.municipalYear));
  return rows.map((r) => ({ year: r.year, label: municipalYearLabel(r.year) }));
}

/**
 * How a year's programme covers each strategic priority: its topics (not dropped), the agenda
 * items linked to it at meetings in the year, and the recommendations linked to it (a board's
 * agreed in the year; an inspection's still open in it). A priority with none is a gap.
 */
export async function priorityCoverage(viewer: Viewer, year: number, now = new Date()) {
  const { from, to } = municipalYearBounds(year);
  const prios = await db().select({ id: priorities.id, slug: priorities.slug, title: priorities.title }).from(priorities).orderBy(asc(priorities.position), asc(priorities.title));
  const ids = prios.map((p) => p.id);
  if (ids.length === 0) return [];
  const topicRows = await topicsQuery(db(), viewer)
    .where(and(workProgrammeTopicVisible(viewer), eq(workProgrammeTopics.municipalYear, year), inArray(workProgrammeTopics.priorityId, ids), sql`${workProgrammeTopics.decision} <> 'dropped'`))
    .orderBy(asc(workProgrammeTopics.title));
  const itemRows = await db()
    .select({
      priorityId: agendaItemPriorities.priorityId,
      id: agendaItem.id,
      title: agendaItemTitleSeen(viewer),
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      startsAt: meeting.startsAt,
    })
    .from(agendaItemPriorities)
    .innerJoin(...agendaItem.on(agendaItemPriorities.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(
      and(
        inArray(agendaItemPriorities.priorityId, ids),
        agendaItemVisible(viewer),
        gte(londonDay(meeting.startsAt), from),
        lte(londonDay(meeting.startsAt), to),
      ),
    )
    .orderBy(asc(meeting.startsAt));
  const recRows = await db()
    .select({
      priorityId: recommendationPriorities.priorityId,
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      source: recommendations.source,
    })
    .from(recommendationPriorities)
    .innerJoin(recommendations, eq(recommendations.id, recommendationPriorities.recommendationId))
    .where(
      and(
        inArray(recommendationPriorities.priorityId, ids),
        recommendationVisible(viewer),
        or(
          and(eq(recommendations.source, "board"), gte(recommendations.agreedOn, from), lte(recommendations.agreedOn, to)),
          and(eq(recommendations.source, "inspection"), or(isNull(recommendations.closedAt), sql`(${recommendations.closedAt} at time zone 'Europe/London')::date >= ${from}`)),
        ),
      ),
    )
    .orderBy(asc(recommendations.reference));
  return prios.map((p) => {
    const topics = topicRows.filter((t) => t.priorityId === p.id).map((t) => shape(t, now));
    const items = itemRows
      .filter((i) => i.priorityId === p.id)
      .map((i) => ({ id: i.id, title: i.title ?? "", meeting: { slug: i.meetingSlug, title: i.meetingTitle, date: formatDate(i.startsAt) } }));
    const recs = recRows.filter((r) => r.priorityId === p.id).map((r) => ({ id: r.id, reference: r.reference, text: r.text, source: r.source }));
    return { ...p, topics, items, recommendations: recs, gap: topics.length === 0 && items.length === 0 && recs.length === 0 };
  });
}

/** The choices a topic form offers: bodies, priorities, recommendations the viewer may see. */
export async function topicFormOptions(viewer: Viewer) {
  const bodies = await db().select({ id: body.id, name: body.name }).from(refTable(body)).orderBy(asc(body.name));
  const prios = await db().select({ id: priorities.id, title: priorities.title }).from(priorities).orderBy(asc(priorities.position), asc(priorities.title));
  const recs = await db()
    .select({ id: recommendations.id, reference: recommendations.reference, source: recommendations.source, text: recommendations.text })
    .from(recommendations)
    .where(recommendationVisible(viewer))
    .orderBy(asc(recommendations.source), asc(recommendations.reference))
    .limit(500);
  return {
    bodies: bodies as { id: string; name: string }[],
    priorities: prios,
    recommendations: recs.map((r) => ({ id: r.id, label: `${r.reference}: ${r.text.slice(0, 80)}${r.text.length > 80 ? "…" : ""} (${r.source === "board" ? "board" : "inspection"})` })),
  };
}
