/**
 * The text read from uploaded files (file-text.server.ts) as pages show it: on a document's
 * public page beside the download, where the viewer may see the file; and, for the clerk,
 * the files that are not accessible documents (app/rules/document-accessibility.server.ts).
 */
import { and, asc, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { documentFiles, documents, documentTextPages } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { accessibilityProblems } from "../../rules/document-accessibility.server";
import { documentFileVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { PDF_FILE_TYPE, type FileTextStatus } from "./file-text.server";

/** Pages of a file's text shown at once on the document's page; the rest are a link away. */
export const TEXT_PAGES_PER_VIEW = 20;

export interface FileText {
  fileId: string;
  fileName: string;
  status: FileTextStatus | null;
  note: string | null;
  /** A PDF's pages can be linked to (`#page=N`); a Word file's text is one piece. */
  paged: boolean;
  /** Pages of text stored for the file (a long report: hundreds). */
  pageTotal: number;
  /** Which view of TEXT_PAGES_PER_VIEW pages is shown (1 = the first), and how many there are. */
  view: number;
  viewCount: number;
  /** The pages of this view only: a long report is never sent whole with the page. */
  pages: { pageNumber: number; paragraphs: string[] }[];
}

/** Which file's text the reader has paged through, and to which view (?text_file=&text_view=). */
export interface TextView {
  fileId: string | null;
  view: number;
}

/** Text as paragraphs (blank lines between them), each line kept: placed as text, never as HTML. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The text of a document's current files, where the viewer may see them (a superseded file's
 * text: nowhere here), TEXT_PAGES_PER_VIEW pages of each at a time: the first view of each
 * file, or the asked-for view of the file paged through (past the last: the last).
 */
export async function documentFileTexts(viewer: Viewer, documentId: string, asked: TextView = { fileId: null, view: 1 }): Promise<FileText[]> {
  const files = await db()
    .select({
      id: documentFiles.id,
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      status: documentFiles.textStatus,
      note: documentFiles.textNote,
      pageTotal: sql<number>`(select count(*)::int from ${documentTextPages} where ${documentTextPages.documentFileId} = ${documentFiles.id})`,
    })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(eq(documentFiles.documentId, documentId), isNull(documentFiles.supersededAt), documentFileVisible(viewer)))
    .orderBy(asc(documentFiles.createdAt));
  const texts: FileText[] = [];
  for (const f of files) {
    if (f.status === null) continue;
    const pageTotal = Number(f.pageTotal);
    const viewCount = Math.max(1, Math.ceil(pageTotal / TEXT_PAGES_PER_VIEW));
    const view = asked.fileId === f.id ? Math.min(asked.view, viewCount) : 1;
    const pages = await db()
      .select({ pageNumber: documentTextPages.pageNumber, text: documentTextPages.text })
      .from(documentTextPages)
      .where(eq(documentTextPages.documentFileId, f.id))
      .orderBy(asc(documentTextPages.pageNumber))
      .limit(TEXT_PAGES_PER_VIEW)
      .offset((view - 1) * TEXT_PAGES_PER_VIEW);
    texts.push({
      fileId: f.id,
      fileName: f.fileName,
      status: f.status,
      note: f.note,
      paged: f.mediaType === PDF_FILE_TYPE,
      pageTotal,
      view,
      viewCount,
      pages: pages.map((p) => ({ pageNumber: p.pageNumber, paragraphs: paragraphsOf(p.text) })),
    });
  }
  return texts;
}

/** A current PDF known not to be an accessible document (the SQL form of accessibilityProblems). */
const inaccessiblePdf = and(
  isNull(documentFiles.supersededAt),
  eq(documentFiles.mediaType, PDF_FILE_TYPE),
  or(eq(documentFiles.textStatus, "no_text"), eq(documentFiles.pdfHasTitle, false), eq(documentFiles.pdfHasLanguage, false)),
);

/** For the clerk: current uploaded PDFs that are not accessible documents, newest first, a page at a time. */
export async function inaccessibleFiles(page: number) {
  const [{ total }] = await db().select({ total: count() }).from(documentFiles).where(inaccessiblePdf);
  const rows = await db()
    .select({
      id: documentFiles.id,
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      textStatus: documentFiles.textStatus,
      pdfHasTitle: documentFiles.pdfHasTitle,
      pdfHasLanguage: documentFiles.pdfHasLanguage,
      createdAt: documentFiles.createdAt,
      documentId: documents.id,
      documentTitle: documents.title,
    })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(inaccessiblePdf)
    .orderBy(desc(documentFiles.createdAt), asc(documentFiles.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { total, rows: rows.map((r) => ({ ...r, problems: accessibilityProblems(r) })) };
}

/** Files still waiting for their text to be read (for tests and the clerk's page). */
export async function pendingFileTextCount() {
  const [{ n }] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(documentFiles)
    .where(and(eq(documentFiles.textStatus, "pending"), isNull(documentFiles.supersededAt)));
  return Number(n);
}
