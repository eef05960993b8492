/** Strategic priorities and what is linked to them. Priorities themselves are public. */
import { and, asc, eq, sql } from "drizzle-orm";
import {
  agendaItemPriorities,
  agendaItems,
  inspections,
  meetings,
  organisations,
  priorities,
  recommendationPriorities,
  recommendations,
} from "../../db/schema";
import { db } from "../db.server";
import { describeDate } from "../rules/dates.server";
import { agendaItemContentVisible, agendaItemVisible, meetingVisible } from "../rules/visibility.server";
import type { Viewer } from "../rules/viewer.server";
import { renderMarkdown } from "../utils/markdown.server";

export async function listPriorities(viewer: Viewer) {
  const rows = await db()
    .select({
      slug: priorities.slug,
      title: priorities.title,
      description: priorities.description,
      organisation: organisations.name,
      itemCount: sql<number>`(
        select count(*)::int from ${agendaItemPriorities}
        join ${agendaItems} on ${agendaItems.id} = ${agendaItemPriorities.agendaItemId}
        join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
        where ${agendaItemPriorities.priorityId} = ${priorities.id}
          and ${and(meetingVisible(viewer), agendaItemVisible(viewer), agendaItemContentVisible(viewer))}
      )`,
    })
    .from(priorities)
    .leftJoin(organisations, eq(organisations.id, priorities.organisationId))
    .orderBy(asc(priorities.position), asc(priorities.title));
  return rows.map((r) => ({ ...r, itemCount: Number(r.itemCount), descriptionHtml: renderMarkdown(r.description) }));
}

export async function getPriority(viewer: Viewer, slug: string) {
  const [p] = await db()
    .select({
      id: priorities.id,
      slug: priorities.slug,
      title: priorities.title,
      description: priorities.description,
      owner: priorities.owner,
      sourceNote: priorities.sourceNote,
      organisation: organisations.name,
    })
    .from(priorities)
    .leftJoin(organisations, eq(organisations.id, priorities.organisationId))
    .where(eq(priorities.slug, slug));
  if (!p) return null;

  const items = await db()
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      datePrecision: meetings.datePrecision,
    })
    .from(agendaItemPriorities)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemPriorities.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(agendaItemPriorities.priorityId, p.id),
        meetingVisible(viewer),
        agendaItemVisible(viewer),
        agendaItemContentVisible(viewer),
      ),
    )
    .orderBy(sql`${meetings.startsAt} desc`);

  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
    })
    .from(recommendationPriorities)
    .innerJoin(recommendations, eq(recommendations.id, recommendationPriorities.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendationPriorities.priorityId, p.id))
    .orderBy(asc(inspections.visitStartOn), asc(recommendations.position));

  return {
    ...p,
    descriptionHtml: renderMarkdown(p.description),
    agendaItems: items.map((i) => ({
      id: i.id,
      title: i.title,
      meetingSlug: i.meetingSlug,
      meetingTitle: i.meetingTitle,
      date: describeDate(i.startsAt, i.datePrecision).text,
    })),
    recommendations: recs,
  };
}
