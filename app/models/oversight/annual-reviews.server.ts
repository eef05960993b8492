/**
 * Annual reviews: documents of kind "annual_review", with the year reviewed, the
 * agenda item where each was presented, its headline points (the document's
 * text), its linked priorities and the questions raised on that item.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { agendaItems, documentPriorities, documents, meetings, organisations, priorities } from "../../../db/schema";
import { db } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import type { Viewer } from "../../rules/viewer.server";
import { documentVisible } from "../../rules/visibility.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { itemSeen } from "./links.server";
import { listQuestions } from "../questions";

const isReview = eq(documents.kind, "annual_review");

export async function listAnnualReviews(viewer: Viewer, options: { page: number }) {
  const where = and(isReview, documentVisible(viewer));
  const [{ total }] = await db().select({ total: count() }).from(documents).where(where);
  const rows = await db()
    .select({
      slug: documents.slug,
      title: documents.title,
      summary: documents.summary,
      reviewYear: documents.reviewYear,
      documentDate: documents.documentDate,
      organisation: organisations.name,
    })
    .from(documents)
    .leftJoin(organisations, eq(organisations.id, documents.organisationId))
    .where(where)
    .orderBy(sql`coalesce(${documents.reviewYear}, extract(year from ${documents.documentDate})::int) desc nulls last`, asc(documents.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  const years = new Map<string, typeof rows>();
  for (const r of rows) {
    const year = String(r.reviewYear ?? (r.documentDate ? r.documentDate.slice(0, 4) : "Year not known"));
    years.set(year, [...(years.get(year) ?? []), r]);
  }
  return { total, years: [...years.entries()].map(([year, reviews]) => ({ year, reviews })) };
}

export async function getAnnualReview(viewer: Viewer, slug: string) {
  const [d] = await db()
    .select({
      id: documents.id,
      slug: documents.slug,
      title: documents.title,
      summary: documents.summary,
      body: documents.body,
      reviewYear: documents.reviewYear,
      reviewPeriod: documents.reviewPeriod,
      documentDate: documents.documentDate,
      datePrecision: documents.datePrecision,
      dateNote: documents.dateNote,
      source: documents.source,
      sourceNote: documents.sourceNote,
      presentedAtItemId: documents.presentedAtItemId,
      organisation: organisations.name,
    })
    .from(documents)
    .leftJoin(organisations, eq(organisations.id, documents.organisationId))
    .where(and(eq(documents.slug, slug), isReview, documentVisible(viewer)));
  if (!d) return null;
  const [item] = d.presentedAtItemId
    ? await db()
        .select({ id: agendaItems.id, title: agendaItems.title, meetingSlug: meetings.slug, meetingTitle: meetings.title, startsAt: meetings.startsAt, datePrecision: meetings.datePrecision })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(agendaItems.id, d.presentedAtItemId), itemSeen(viewer)))
    : [];
  const prios = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(documentPriorities)
    .innerJoin(priorities, eq(priorities.id, documentPriorities.priorityId))
    .where(eq(documentPriorities.documentId, d.id))
    .orderBy(asc(priorities.position));
  const questions = item ? await listQuestions(viewer, { page: 1, agendaItemId: item.id }) : { total: 0, more: false, questions: [] };
  return {
    slug: d.slug,
    title: d.title,
    summary: d.summary,
    bodyHtml: renderMarkdown(d.body),
    reviewYear: d.reviewYear,
    /** The period reviewed in the source's words. */
    reviewPeriod: d.reviewPeriod,
    date: describeDate(d.documentDate, d.datePrecision),
    dateNote: d.dateNote,
    source: d.source,
    sourceNote: d.sourceNote,
    organisation: d.organisation,
    presentedAt: item
      ? { id: item.id, title: item.title, meetingSlug: item.meetingSlug, meetingTitle: item.meetingTitle, date: describeDate(item.startsAt, item.datePrecision).text }
      : null,
    priorities: prios,
    questions: questions.questions,
    questionTotal: questions.total,
  };
}


