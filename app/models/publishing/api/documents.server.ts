/** The API's documents: reports, letters, annual reviews. */
import { and, asc, count, desc, eq, gte, sql } from "drizzle-orm";
import { documents } from "../../../../db/schema";
import { db } from "../../../db.server";
import { apiDate } from "../../../rules/date-precision.server";
import { documentVisible } from "../../../rules/visibility.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, iso, viewer } from "./shared.server";

function documentOut(site: string, d: typeof documents.$inferSelect, withBody: boolean) {
  return {
    id: d.id,
    slug: d.slug,
    title: d.title,
    kind: d.kind,
    summary: d.summary,
    // The date on the document, null unless known to the day; never its publication date.
    ...apiDate("date", d.documentDate, d.datePrecision, d.dateNote),
    date_precision: d.documentDate ? d.datePrecision : "unknown",
    date_note: d.dateNote,
    organization_id: d.organisationId,
    source: d.source,
    source_note: d.sourceNote,
    review_year: d.reviewYear,
    /** The period an annual review covers, as its source states it. */
    review_period: d.reviewPeriod,
    ...apiDate("published_at", d.publishedAt, d.publishedPrecision),
    ...(withBody ? { body_markdown: d.body } : {}),
    url: `${site}/documents/${d.slug}`,
    api_url: `${site}/api/v1/documents/${d.id}`,
  };
}

export async function listDocumentsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    documentVisible(viewer),
    p.since ? gte(documents.documentDate, p.since) : undefined,
    p.until ? sql`${documents.documentDate} <= ${p.until}::date` : undefined,
    bodyId
      ? sql`(exists (select 1 from agenda_item_documents x join agenda_items ai on ai.id = x.agenda_item_id join meetings mm on mm.id = ai.meeting_id where x.document_id = ${documents.id} and mm.body_id = ${bodyId})
          or exists (select 1 from agenda_items ai join meetings mm on mm.id = ai.meeting_id where ai.id = ${documents.presentedAtItemId} and mm.body_id = ${bodyId}))`
      : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(documents).where(where);
  const rows = await db().select().from(documents).where(where).orderBy(desc(documents.documentDate), asc(documents.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((d) => documentOut(site, d, false)));
}

export async function getDocumentApi(site: string, id: string) {
  const [d] = await db().select().from(documents).where(and(eq(documents.id, id), documentVisible(viewer)));
  return d ? documentOut(site, d, true) : null;
}
