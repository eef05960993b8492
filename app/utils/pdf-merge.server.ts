/**
 * Uploaded PDFs appended to a generated one, as they are (pdf-lib copies their pages;
 * docs/decisions/035-agenda-pack-pdf-and-bulk-download.md). A file pdf-lib cannot read
 * (corrupt, encrypted, not really a PDF) is reported as null, never thrown: the pack says
 * so on a note page instead.
 */
import { PDFDocument, PDFName } from "pdf-lib";

export interface ReadablePdf {
  /** The file's pages copied into a document of their own, so appending them later cannot fail. */
  bytes: Uint8Array;
  pages: number;
}

/** The file's pages if pdf-lib can read and copy every one of them; null otherwise. */
export async function readablePdf(bytes: Uint8Array): Promise<ReadablePdf | null> {
  try {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    const count = source.getPageCount();
    if (count === 0) return null;
    const copy = await PDFDocument.create({ updateMetadata: false });
    const pages = await copy.copyPages(source, source.getPageIndices());
    for (const p of pages) {
      // Its structure tree stays behind: the copied page must not point into the pack's.
      p.node.delete(PDFName.of("StructParents"));
      copy.addPage(p);
    }
    return { bytes: await copy.save(), pages: count };
  } catch {
    return null;
  }
}

/**
 * `base` with each insert's pages placed after its page (0-based index in `base`).
 * The base's outline, structure tree, language and title are kept.
 */
export async function insertPdfPages(base: Uint8Array, inserts: { afterPage: number; pdf: ReadablePdf }[]): Promise<Uint8Array> {
  if (inserts.length === 0) return base;
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const ordered = [...inserts].sort((a, b) => b.afterPage - a.afterPage);
  for (const insert of ordered) {
    const source = await PDFDocument.load(insert.pdf.bytes, { updateMetadata: false });
    const pages = await doc.copyPages(source, source.getPageIndices());
    pages.forEach((p, k) => doc.insertPage(insert.afterPage + 1 + k, p));
  }
  return doc.save({ useObjectStreams: false });
}
