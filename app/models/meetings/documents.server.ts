/** Documents (reports, letters, annual reviews, news reports) as a viewer may see them. */
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { agendaItemDocuments, agendaItems, documentFiles, documents, meetings, DOCUMENT_KINDS } from "../../../db/schema/meetings";
import { inspection } from "../oversight/refs.server";
import { organisation } from "../people/refs.server";
import { action } from "../questions/refs.server";
import { refTable } from "../../utils/refs.server";
import { db } from "../../db.server";
import { describeDate } from "../../rules/dates.server";
import { publicationText } from "../../rules/date-precision.server";
import { actionVisible, agendaItemContentVisible, agendaItemVisible, documentVisible, meetingVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { publicationKind } from "../../rules/publications.server";
import { publicUpdates } from "../records";

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  report: "Report",
  letter: "Letter",
  inspection_report: "Inspection report",
  news_report: "News report",
  annual_review: "Annual review",
  minutes: "Minutes",
  agenda: "Agenda",
  evidence: "Closure evidence",
  other: "Document",
};

export function isDocumentKind(value: string | null): value is DocumentKind {
  return value !== null && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

const listColumns = {
  id: documents.id,
  slug: documents.slug,
  kind: documents.kind,
  title: documents.title,
  summary: documents.summary,
  documentDate: documents.documentDate,
  datePrecision: documents.datePrecision,
  publishedAt: documents.publishedAt,
  organisation: organisation.name,
};

function toListItem(d: {
  id: string;
  slug: string;
  kind: DocumentKind;
  title: string;
  summary: string;
  documentDate: string | null;
  datePrecision: (typeof documents.$inferSelect)["datePrecision"];
  organisation: string | null;
}) {
  const date = describeDate(d.documentDate, d.datePrecision);
  return {
    id: d.id,
    slug: d.slug,
    kind: d.kind,
    kindLabel: DOCUMENT_KIND_LABELS[d.kind],
    title: d.title,
    summary: d.summary,
    date: date.text,
    dateApproximate: date.approximate,
    organisation: d.organisation,
  };
}

export type DocumentListItem = ReturnType<typeof toListItem>;

export async function listDocuments(viewer: Viewer, options: { page: number; kind?: DocumentKind }) {
  // A document kind asked for by name is listed; otherwise only publications (not closure evidence).
  const where = and(documentVisible(viewer), options.kind ? eq(documents.kind, options.kind) : publicationKind(documents.kind));
  const [{ total }] = await db().select({ total: count() }).from(documents).where(where);
  const rows = await db()
    .select(listColumns)
    .from(documents)
    .leftJoin(...organisation.on(documents.organisationId))
    .where(where)
    .orderBy(sql`${documents.documentDate} desc nulls last`, asc(documents.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return { total, documents: rows.map(toListItem) };
}

/** The most recently published documents, for the home page. */
export async function latestDocuments(viewer: Viewer, limit: number) {
  const rows = await db()
    .select(listColumns)
    .from(documents)
    .leftJoin(...organisation.on(documents.organisationId))
    .where(and(documentVisible(viewer), publicationKind(documents.kind)))
    .orderBy(sql`${documents.documentDate} desc nulls last`, desc(documents.publishedAt))
    .limit(limit);
  return rows.map(toListItem);
}

export async function getDocument(viewer: Viewer, slug: string) {
  const [d] = await db()
    .select({
      ...listColumns,
      body: documents.body,
      dateNote: documents.dateNote,
      source: documents.source,
      sourceNote: documents.sourceNote,
      updatedAt: documents.updatedAt,
      publishedPrecision: documents.publishedPrecision,
    })
    .from(documents)
    .leftJoin(...organisation.on(documents.organisationId))
    .where(and(eq(documents.slug, slug), documentVisible(viewer)));
  if (!d) return null;

  const items = await db()
    .select({ id: agendaItems.id, title: agendaItems.title, meetingSlug: meetings.slug, meetingTitle: meetings.title })
    .from(agendaItemDocuments)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemDocuments.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(agendaItemDocuments.documentId, d.id),
        meetingVisible(viewer),
        agendaItemVisible(viewer),
        agendaItemContentVisible(viewer),
      ),
    );
  const linkedInspections = await db()
    .select({ slug: inspection.slug, title: inspection.title })
    .from(refTable(inspection))
    .where(eq(inspection.documentId, d.id))
    .orderBy(asc(inspection.title));
  // The action this is the closure evidence of (seen, since the document is).
  const evidenceFor = await db()
    .select({ id: action.id, description: action.description })
    .from(refTable(action))
    .where(and(eq(action.closureEvidenceDocumentId, d.id), actionVisible(viewer)));

  return {
    ...toListItem(d),
    /** When it was published, apart from the date it bears (a letter's date is not its publication date). */
    published: publicationText(d.publishedAt, d.publishedPrecision),
    bodyHtml: renderMarkdown(d.body),
    dateNote: d.dateNote,
    source: d.source,
    sourceNote: d.sourceNote,
    agendaItems: items,
    inspections: linkedInspections,
    evidenceFor,
  };
}

/** The current (not superseded) files of a document, when the viewer may see the document (issue 4). */
export async function listDocumentFiles(viewer: Viewer, documentId: string) {
  const rows = await db()
    .select({
      id: documentFiles.id,
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      byteSize: documentFiles.byteSize,
    })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(eq(documentFiles.documentId, documentId), isNull(documentFiles.supersededAt), documentVisible(viewer)))
    .orderBy(asc(documentFiles.createdAt));
  return rows;
}

/** "Updated on ...: reason" for a document changed after publication (issue 4). */
export async function documentUpdates(documentId: string) {
  const [d] = await db().select({ publishedAt: documents.publishedAt }).from(documents).where(eq(documents.id, documentId));
  return publicUpdates(db(), "document", documentId, d?.publishedAt ?? null);
}
