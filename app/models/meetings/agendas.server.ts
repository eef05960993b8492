/**
 * Agenda items as a viewer may see them: numbered, with exempt content redacted
 * here (in the query layer) rather than hidden in components.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agendaItemDocuments, agendaItems, documents, meetings, minuteAmendments, minutes } from "../../../db/schema/meetings";
import { agendaItemPriorityOfItem, priority } from "../oversight/refs.server";
import { person } from "../people/refs.server";
import { db } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import {
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  EXEMPT_PARAGRAPH_WORDING,
  meetingVisible,
  minutesVisible,
} from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { publicUpdates, publicUpdatesFor } from "../records";
import { isUuid } from "../../utils/uuid";

export interface AgendaItemSummary {
  id: string;
  parentId: string | null;
  position: number;
  number: string;
  depth: number;
  title: string;
  purposeHtml: string;
  isExempt: boolean;
  exemptParagraph: number | null;
  exemptParagraphWording: string | null;
  /** An exempt item's public-interest reason, as the clerk recorded it (public: it says why the rest is not). */
  exemptReason: string | null;
  /** When the clerk will review the exemption ("12 March 2027"), where set (ADR 034). */
  exemptReviewOn: string | null;
  /** The same day as YYYY-MM-DD (the API). */
  exemptReviewDay: string | null;
  /** The day an item once exempt was released after review ("12 March 2027"), else null. */
  releasedOn: string | null;
  releasedAt: Date | null;
  /** False when the viewer sees only the exempt item's public title and paragraph. */
  contentVisible: boolean;
  publicSummaryHtml: string;
  publishedAt: Date | null;
  supplementary: boolean;
  leadOfficer: string | null;
  documents: { slug: string; title: string; kind: string }[];
}

/** All items of one meeting the viewer may see, numbered in agenda order. */
export async function listAgendaItems(viewer: Viewer, meetingId: string): Promise<AgendaItemSummary[]> {
  const rows = await db()
    .select({
      id: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      publicTitle: agendaItems.publicTitle,
      purpose: agendaItems.purpose,
      isExempt: agendaItems.isExempt,
      exemptParagraph: agendaItems.exemptParagraph,
      exemptReason: agendaItems.exemptReason,
      exemptReviewOn: agendaItems.exemptReviewOn,
      releasedAt: agendaItems.releasedAt,
      publicSummary: agendaItems.publicSummary,
      publishedAt: agendaItems.publishedAt,
      agendaPublishedAt: meetings.agendaPublishedAt,
      startsAt: meetings.startsAt,
      contentVisible: sql<boolean>`${agendaItemContentVisible(viewer)}`,
      leadOfficer: person.name,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(...person.on(agendaItems.leadOfficerId))
    .where(and(eq(agendaItems.meetingId, meetingId), meetingVisible(viewer), agendaItemVisible(viewer)))
    .orderBy(asc(agendaItems.position));

  const visibleIds = rows.filter((r) => r.contentVisible).map((r) => r.id);
  const docs = visibleIds.length
    ? await db()
        .select({
          agendaItemId: agendaItemDocuments.agendaItemId,
          slug: documents.slug,
          title: documents.title,
          kind: documents.kind,
        })
        .from(agendaItemDocuments)
        .innerJoin(documents, eq(documents.id, agendaItemDocuments.documentId))
        .where(and(inArray(agendaItemDocuments.agendaItemId, visibleIds), documentVisible(viewer)))
        .orderBy(asc(agendaItemDocuments.position))
    : [];

  return numberAgendaItems(rows).map((r) => toSummary(r, docs.filter((d) => d.agendaItemId === r.id)));
}

function toSummary(
  r: {
    id: string;
    parentId: string | null;
    position: number;
    number: string;
    depth: number;
    title: string;
    publicTitle: string | null;
    purpose: string;
    isExempt: boolean;
    exemptParagraph: number | null;
    exemptReason: string | null;
    exemptReviewOn: string | null;
    releasedAt: Date | null;
    publicSummary: string | null;
    publishedAt: Date | null;
    agendaPublishedAt: Date | null;
    startsAt: Date;
    contentVisible: boolean;
    leadOfficer: string | null;
  },
  docs: { slug: string; title: string; kind: string }[],
  now = new Date(),
): AgendaItemSummary {
  const full = r.contentVisible;
  return {
    id: r.id,
    parentId: r.parentId,
    position: r.position,
    number: r.number,
    depth: r.depth,
    title: full ? r.title : r.publicTitle || "Exempt item",
    purposeHtml: full ? renderMarkdown(r.purpose) : "",
    isExempt: r.isExempt,
    exemptParagraph: r.isExempt ? r.exemptParagraph : null,
    exemptParagraphWording: r.isExempt && r.exemptParagraph ? EXEMPT_PARAGRAPH_WORDING[r.exemptParagraph] ?? null : null,
    exemptReason: r.isExempt ? r.exemptReason : null,
    exemptReviewOn: r.isExempt && r.exemptReviewOn ? formatDate(r.exemptReviewOn) : null,
    exemptReviewDay: r.isExempt ? r.exemptReviewOn : null,
    releasedOn: !r.isExempt && r.releasedAt ? formatDate(r.releasedAt) : null,
    releasedAt: !r.isExempt ? r.releasedAt : null,
    contentVisible: full,
    // s100C(2): the public summary is published after the meeting.
    publicSummaryHtml: r.isExempt && r.startsAt < now ? renderMarkdown(r.publicSummary) : "",
    publishedAt: r.publishedAt,
    supplementary: Boolean(r.publishedAt && r.agendaPublishedAt && r.publishedAt > r.agendaPublishedAt),
    leadOfficer: full ? r.leadOfficer : null,
    documents: full ? docs.map(({ slug, title, kind }) => ({ slug, title, kind })) : [],
  };
}

/** One agenda item at its stable address, with its minute and links, as the viewer may see it. */
export async function getAgendaItem(viewer: Viewer, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db()
    .select({
      id: agendaItems.id,
      meetingId: agendaItems.meetingId,
      body: agendaItems.body,
      contentVisible: sql<boolean>`${agendaItemContentVisible(viewer)}`,
      minutesVisible: sql<boolean>`${minutesVisible(viewer)}`,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      minutesPublishedAt: meetings.minutesPublishedAt,
      updatedAt: agendaItems.updatedAt,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItems.id, id), meetingVisible(viewer), agendaItemVisible(viewer)));
  if (!row) return null;

  // Numbering needs the item's siblings as this viewer sees them.
  const items = await listAgendaItems(viewer, row.meetingId);
  const summary = items.find((i) => i.id === id);
  if (!summary) return null;

  const full = row.contentVisible;
  const minute =
    full && row.minutesVisible
      ? await db().query.minutes.findFirst({ where: eq(minutes.agendaItemId, id) })
      : undefined;
  const minuteUpdates = minute ? await publicUpdates(db(), "minute", minute.id, row.minutesPublishedAt) : [];
  const amendments = minute ? await amendmentsOfMinute(minute.id) : [];
  const linkedPriorities = full
    ? await db()
        .select({ slug: priority.slug, title: priority.title })
        .from(agendaItems)
        .innerJoin(...agendaItemPriorityOfItem.on(agendaItems.id))
        .innerJoin(...priority.on(agendaItemPriorityOfItem.priorityId))
        .where(eq(agendaItems.id, id))
        .orderBy(asc(priority.position))
    : [];

  return {
    ...summary,
    meeting: { id: row.meetingId, slug: row.meetingSlug, title: row.meetingTitle },
    bodyHtml: full ? renderMarkdown(row.body) : "",
    minute: minute
      ? { bodyHtml: renderMarkdown(minute.body), decisionsHtml: renderMarkdown(minute.decisions), updates: minuteUpdates, amendments }
      : null,
    priorities: linkedPriorities,
    subItems: items.filter((i) => i.parentId === id),
  };
}

/**
 * The amendments made to a minute when it was approved as a correct record: the
 * text before and after, and the meeting that approved it (issue 4, item 7). Only
 * called for a minute the viewer may read.
 */
async function amendmentsOfMinute(minuteId: string) {
  const rows = await db()
    .select({
      before: minuteAmendments.before,
      after: minuteAmendments.after,
      meetingTitle: meetings.title,
      meetingSlug: meetings.slug,
      meetingStartsAt: meetings.startsAt,
    })
    .from(minuteAmendments)
    .innerJoin(meetings, eq(meetings.id, minuteAmendments.approvedAtMeetingId))
    .where(eq(minuteAmendments.minuteId, minuteId))
    .orderBy(asc(minuteAmendments.createdAt));
  return rows.map((r) => ({ before: r.before, after: r.after, meeting: { title: r.meetingTitle, slug: r.meetingSlug, on: formatDate(r.meetingStartsAt) } }));
}

/**
 * The minutes of every item of a meeting the viewer may read, keyed by item id,
 * each with its "Updated on ...: reason" lines for changes since the minutes were published.
 */
export async function minutesForMeeting(viewer: Viewer, meetingId: string) {
  const rows = await db()
    .select({
      id: minutes.id,
      agendaItemId: minutes.agendaItemId,
      body: minutes.body,
      decisions: minutes.decisions,
      minutesPublishedAt: meetings.minutesPublishedAt,
    })
    .from(minutes)
    .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        meetingVisible(viewer),
        agendaItemVisible(viewer),
        agendaItemContentVisible(viewer),
        minutesVisible(viewer),
      ),
    );
  // One query for every minute's "Updated on" lines (they share the meeting's publication), not one per item.
  const updates = await publicUpdatesFor(db(), "minute", rows.map((r) => r.id), rows[0]?.minutesPublishedAt ?? null);
  return Object.fromEntries(
    rows.map((r) => [r.agendaItemId, { bodyHtml: renderMarkdown(r.body), decisionsHtml: renderMarkdown(r.decisions), body: r.body, decisions: r.decisions, updates: updates[r.id] ?? [] }] as const),
  );
}

/** "Updated on ...: reason" for an item changed after publication (issue 4); none for content the viewer may not see. */
export async function agendaItemUpdates(item: { id: string; contentVisible: boolean; publishedAt: Date | string | null }) {
  if (!item.contentVisible || !item.publishedAt) return [];
  return publicUpdates(db(), "agenda_item", item.id, new Date(item.publishedAt));
}
