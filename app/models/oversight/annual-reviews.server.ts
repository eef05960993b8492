/**
 * Annual reviews: documents of kind "annual_review", with the year reviewed, the
 * agenda item where each was presented, its headline points (the document's
 * text), its linked priorities and the questions raised on that item.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { documentPriorities, priorities } from "../../../db/schema/oversight";
import { db } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import type { Viewer } from "../../rules/viewer.server";
import { documentVisible } from "../../rules/visibility.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, document, meeting } from "../meetings/refs.server";
import { organisation } from "../people/refs.server";
import { itemSeen } from "./links.server";
import { listQuestions } from "../questions";

const isReview = eq(document.kind, "annual_review");

export async function listAnnualReviews(viewer: Viewer, options: { page: number }) {
  const where = and(isReview, documentVisible(viewer));
  const [{ total }] = await db().select({ total: count() }).from(refTable(document)).where(where);
  const rows = await db()
    .select({
      slug: document.slug,
      title: document.title,
      summary: document.summary,
      reviewYear: document.reviewYear,
      documentDate: document.documentDate,
      organisation: organisation.name,
    })
    .from(refTable(document))
    .leftJoin(...organisation.on(document.organisationId))
    .where(where)
    .orderBy(sql`coalesce(${document.reviewYear}, extract(year from ${document.documentDate})::int) desc nulls last`, asc(document.title))
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
      id: document.id,
      slug: document.slug,
      title: document.title,
      summary: document.summary,
      body: document.body,
      reviewYear: document.reviewYear,
      reviewPeriod: document.reviewPeriod,
      documentDate: document.documentDate,
      datePrecision: document.datePrecision,
      dateNote: document.dateNote,
      source: document.source,
      sourceNote: document.sourceNote,
      presentedAtItemId: document.presentedAtItemId,
      organisation: organisation.name,
    })
    .from(refTable(document))
    .leftJoin(...organisation.on(document.organisationId))
    .where(and(eq(document.slug, slug), isReview, documentVisible(viewer)));
  if (!d) return null;
  const [item] = d.presentedAtItemId
    ? await db()
        .select({ id: agendaItem.id, title: agendaItem.title, meetingSlug: meeting.slug, meetingTitle: meeting.title, startsAt: meeting.startsAt, datePrecision: meeting.datePrecision })
        .from(refTable(agendaItem))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(agendaItem.id, d.presentedAtItemId), itemSeen(viewer)))
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


