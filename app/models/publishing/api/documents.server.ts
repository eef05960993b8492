/** The API's documents: reports, letters, annual reviews. */
import { and, asc, count, desc, eq, gte, sql } from "drizzle-orm";
import type { DatePrecision } from "../../../../db/schema/columns";
import { db } from "../../../db.server";
import { apiDate } from "../../../rules/date-precision.server";
import { documentVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { document, documentOfBody } from "../../meetings/refs.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, iso, viewer } from "./shared.server";

const documentColumns = refFields(document);
/** A document as the meetings refs offer it (their fields are typed loosely: the dates' types are said here). */
type DocumentRow = Record<keyof typeof documentColumns, unknown> & {
  documentDate: string | null;
  datePrecision: DatePrecision;
  dateNote: string | null;
  publishedAt: Date | null;
  publishedPrecision: DatePrecision;
};

function documentOut(site: string, d: DocumentRow, withBody: boolean) {
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
    p.since ? gte(document.documentDate, p.since) : undefined,
    p.until ? sql`${document.documentDate} <= ${p.until}::date` : undefined,
    bodyId ? documentOfBody(bodyId) : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(refTable(document)).where(where);
  const rows = (await db()
    .select(documentColumns)
    .from(refTable(document))
    .where(where)
    .orderBy(desc(document.documentDate), asc(document.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage)) as DocumentRow[];
  return page(site, url, p, total, rows.map((d) => documentOut(site, d, false)));
}

export async function getDocumentApi(site: string, id: string) {
  const [d] = (await db().select(documentColumns).from(refTable(document)).where(and(eq(document.id, id), documentVisible(viewer)))) as DocumentRow[];
  return d ? documentOut(site, d, true) : null;
}
