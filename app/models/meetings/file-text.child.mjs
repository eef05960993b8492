/**
 * Reads the text of one uploaded PDF or Word file, in a process of its own
 * (docs/decisions/048-text-of-uploaded-papers.md). Started by file-text.server.ts with a
 * small heap and watched from outside (a time limit, a memory limit): whatever a
 * hostile file does here, it can only end this process, never stall or crash the server.
 *
 * In (one IPC message): { bytes: Uint8Array, kind: "pdf" | "docx", limits: { maxPages, maxChars, maxUnzippedBytes } }
 * Out (one IPC message): { status: "extracted" | "no_text" | "failed", note, pages: [{ pageNumber, text }],
 *   pageCount, hasTitle, hasLanguage }
 *
 * Plain JavaScript loaded by path, not bundled: a child process needs a file to run.
 */

const ENCRYPTED_NOTE = "The PDF is protected by a password, so its text could not be read. It is kept as an attachment.";
const UNREADABLE_PDF_NOTE = "The file could not be read as a PDF (it may be damaged). It is kept as an attachment.";

function normaliseText(text) {
  return text
    .replace(/\u0000/g, "")
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

async function readPdf(bytes, limits) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let pdf;
  try {
    pdf = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      maxImageSize: 1, // text only: no image is decoded
    }).promise;
  } catch (error) {
    const name = error && error.name;
    if (name === "PasswordException") return { status: "failed", note: ENCRYPTED_NOTE, pages: [] };
    return { status: "failed", note: UNREADABLE_PDF_NOTE, pages: [] };
  }
  let hasTitle = false;
  let hasLanguage = false;
  try {
    const meta = await pdf.getMetadata();
    const info = (meta && meta.info) || {};
    hasTitle = typeof info.Title === "string" && info.Title.trim() !== "";
    hasLanguage = typeof info.Language === "string" && info.Language.trim() !== "";
  } catch {
    // No metadata: neither is set.
  }
  const pageCount = pdf.numPages;
  const wanted = Math.min(pageCount, limits.maxPages);
  const pages = [];
  const notes = [];
  let chars = 0;
  for (let n = 1; n <= wanted; n++) {
    let text;
    try {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      text = normaliseText(content.items.map((i) => ("str" in i ? i.str + (i.hasEOL ? "\n" : "") : "")).join(""));
      page.cleanup();
    } catch {
      notes.push(`Page ${n} could not be read, so the text stops there.`);
      break;
    }
    if (chars + text.length > limits.maxChars) {
      pages.push({ pageNumber: n, text: text.slice(0, Math.max(0, limits.maxChars - chars)) });
      notes.push(`The text is longer than this site keeps: it stops on page ${n}.`);
      chars = limits.maxChars;
      break;
    }
    chars += text.length;
    pages.push({ pageNumber: n, text });
  }
  if (pageCount > wanted && notes.length === 0) {
    notes.push(`The PDF has ${pageCount.toLocaleString("en-GB")} pages: only the text of the first ${wanted.toLocaleString("en-GB")} is kept.`);
  }
  await pdf.destroy();
  const withText = pages.filter((p) => p.text !== "");
  if (withText.length === 0) {
    if (notes.length > 0) return { status: "failed", note: UNREADABLE_PDF_NOTE, pages: [], pageCount, hasTitle, hasLanguage };
    return {
      status: "no_text",
      note: "The PDF has no text layer (its pages are images, as a scan is), so its words cannot be read aloud, searched or shown here.",
      pages: [],
      pageCount,
      hasTitle,
      hasLanguage,
    };
  }
  return { status: "extracted", note: notes.join(" ") || null, pages: withText, pageCount, hasTitle, hasLanguage };
}

async function readDocx(bytes, limits) {
  const { unzipSync } = await import("fflate");
  // What the zip says it holds, before anything is unpacked (a zip bomb is refused here).
  let unpacked = 0;
  let hasBody = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        unpacked += entry.originalSize;
        if (entry.name === "word/document.xml") hasBody = true;
        return false;
      },
    });
  } catch {
    return { status: "failed", note: "The file could not be read as a Word document (it may be damaged). It is kept as an attachment.", pages: [] };
  }
  if (!hasBody) {
    return { status: "failed", note: "The file is a zip archive but holds no Word document text (it may be another kind of file). It is kept as an attachment.", pages: [] };
  }
  if (unpacked > limits.maxUnzippedBytes) {
    return { status: "failed", note: "The Word document is too large once unpacked for its text to be read. It is kept as an attachment.", pages: [] };
  }
  const mammoth = (await import("mammoth")).default;
  let text;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    text = normaliseText(result.value);
  } catch {
    return { status: "failed", note: "The file could not be read as a Word document (it may be damaged). It is kept as an attachment.", pages: [] };
  }
  if (text === "") return { status: "no_text", note: "The Word document has no text.", pages: [], pageCount: 1 };
  let note = null;
  if (text.length > limits.maxChars) {
    text = text.slice(0, limits.maxChars);
    note = "The text is longer than this site keeps: only its beginning is shown.";
  }
  // A Word document has no fixed pages: its text is kept as one.
  return { status: "extracted", note, pages: [{ pageNumber: 1, text }], pageCount: 1 };
}

process.once("message", async (message) => {
  let result;
  try {
    // A plain Uint8Array (pdf.js refuses a Buffer, which the database driver gives).
    const given = message.bytes;
    const bytes = new Uint8Array(given.buffer, given.byteOffset, given.byteLength);
    if (bytes.byteLength === 0) result = { status: "failed", note: "The file is empty.", pages: [] };
    else if (message.kind === "pdf") result = await readPdf(bytes, message.limits);
    else if (message.kind === "docx") result = await readDocx(bytes, message.limits);
    else result = { status: "failed", note: "Text is read only from PDF and Word files.", pages: [] };
  } catch {
    result = { status: "failed", note: "The file's text could not be read. It is kept as an attachment.", pages: [] };
  }
  process.send(result, () => process.exit(0));
});
