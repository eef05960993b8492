/**
 * The agenda pack (issue #15 item 9): each public report of a meeting's agenda, in agenda
 * order, as the viewer may see it: a report written in the portal as its text, a file as
 * its name, type and size (the pack says where to get it). Items seen only by their public
 * title (exempt) have no reports here: `listAgendaItems` gives them no documents.
 */
import { and, asc, inArray, isNull } from "drizzle-orm";
import { eq } from "drizzle-orm";
import { agendaItems, documentFiles, documents, meetings } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { agendaItemContentVisible, agendaItemVisible, documentFileVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import type { AgendaItemSummary } from "./agendas.server";
import { fileTypeLabel, formatBytes } from "./files.server";

export interface PackReport {
  itemId: string;
  itemNumber: string;
  itemTitle: string;
  slug: string;
  title: string;
  bodyHtml: string;
  /** The report's Markdown (the PDF pack lays it out itself). */
  body: string;
  files: { id: string; fileName: string; type: string; size: string }[];
}

/** The reports of the items given (already filtered by what the viewer may see), in agenda order. */
export async function agendaPackReports(viewer: Viewer, items: AgendaItemSummary[]): Promise<PackReport[]> {
  const slugs = [...new Set(items.flatMap((i) => i.documents.map((d) => d.slug)))];
  if (slugs.length === 0) return [];
  const docs = await db()
    .select({ id: documents.id, slug: documents.slug, title: documents.title, body: documents.body })
    .from(documents)
    .where(inArray(documents.slug, slugs));
  const files = await db()
    .select({
      id: documentFiles.id,
      documentId: documentFiles.documentId,
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      byteSize: documentFiles.byteSize,
    })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(inArray(documents.slug, slugs), isNull(documentFiles.supersededAt), documentFileVisible(viewer)))
    .orderBy(asc(documentFiles.createdAt));
  const bySlug = new Map(docs.map((d) => [d.slug, d]));
  const reports: PackReport[] = [];
  for (const item of items) {
    for (const d of item.documents) {
      const doc = bySlug.get(d.slug);
      if (!doc) continue;
      reports.push({
        itemId: item.id,
        itemNumber: item.number,
        itemTitle: item.title,
        slug: doc.slug,
        title: doc.title,
        bodyHtml: renderMarkdown(doc.body),
        body: doc.body,
        files: files
          .filter((f) => f.documentId === doc.id)
          .map((f) => ({ id: f.id, fileName: f.fileName, type: fileTypeLabel(f.mediaType), size: formatBytes(f.byteSize) })),
      });
    }
  }
  return reports;
}

/** The Markdown purpose and body of the items given, where the viewer sees them in full (for the PDF pack). */
export async function agendaItemTexts(viewer: Viewer, itemIds: string[]) {
  if (itemIds.length === 0) return new Map<string, { purpose: string | null; body: string | null }>();
  const rows = await db()
    .select({ id: agendaItems.id, purpose: agendaItems.purpose, body: agendaItems.body })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(inArray(agendaItems.id, itemIds), agendaItemVisible(viewer), agendaItemContentVisible(viewer)));
  return new Map(rows.map((r) => [r.id, { purpose: r.purpose, body: r.body }]));
}
