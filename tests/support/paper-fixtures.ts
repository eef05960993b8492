/**
 * Small papers made at test time (issue 19): PDFs with text on numbered pages, a scan (an
 * image and no text), with and without a title and language, an encrypted one (pdfkit), hostile
 * ones written by hand (a page count of a billion, a content stream that inflates to hundreds
 * of megabytes), and Word files (fflate zips the parts).
 */
import { createDeflate } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import PDFKit from "pdfkit";
import QRCode from "qrcode";

export async function textPdf(pages: string[], options: { title?: string; language?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (options.title) doc.setTitle(options.title, { showInWindowTitleBar: true });
  if (options.language) doc.setLanguage(options.language);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    text.split("\n").forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 12, font }));
  }
  return doc.save();
}

/** A scanned page: an image, no text. Title and language set, so only the missing text layer is wrong. */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle("Scanned letter");
  doc.setLanguage("en-GB");
  const png = await doc.embedPng(await QRCode.toBuffer("a scanned letter"));
  const page = doc.addPage([595, 842]);
  page.drawImage(png, { x: 50, y: 400, width: 300, height: 300 });
  return doc.save();
}

/** Encrypted with a user password (pdfkit's RC4/AES security handler): it cannot be opened without it. */
export function encryptedPdf(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ userPassword: "secret", ownerPassword: "owner", pdfVersion: "1.7", info: { Title: "Locked" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.text("Confidential text behind a password");
    doc.end();
  });
}

/** A PDF from objects written by hand, with a correct cross-reference table. */
export function handWrittenPdf(objects: (string | Uint8Array)[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode("%PDF-1.7\n")];
  let length = parts[0].byteLength;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const head = enc.encode(`${i + 1} 0 obj\n`);
    const content = typeof body === "string" ? enc.encode(body) : body;
    const tail = enc.encode("\nendobj\n");
    parts.push(head, content, tail);
    length += head.byteLength + content.byteLength + tail.byteLength;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(enc.encode(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A page tree that says it holds a billion pages (and holds one). */
export function pageCountBombPdf(): Uint8Array {
  const content = "BT /F1 12 Tf 50 700 Td (Only one real page) Tj ET";
  return handWrittenPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Count 1000000000 /Kids [3 0 R] >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

/** A page whose content stream is `megabytes` MB of spaces, deflated (natively, a block at a time) to a few hundred KB. */
export async function decompressionBombPdf(megabytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const z = createDeflate({ level: 1 });
  z.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => z.on("end", resolve));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) {
    if (!z.write(block)) await new Promise((resolve) => z.once("drain", resolve));
  }
  z.end();
  await done;
  const stream = Buffer.concat(chunks);
  const enc = new TextEncoder();
  const streamObject = Buffer.concat([enc.encode(`<< /Length ${stream.byteLength} /Filter /FlateDecode >>\nstream\n`), stream, enc.encode("\nendstream")]);
  return handWrittenPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    streamObject,
  ]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

function escapeXml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A Word document of paragraphs. */
export function docx(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join("");
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipSync({ "[Content_Types].xml": strToU8(CONTENT_TYPES), "_rels/.rels": strToU8(RELS), "word/document.xml": strToU8(document) });
}

/** A zip that says it is a Word document ([Content_Types].xml) but holds something else. */
export function fakeDocx(): Uint8Array {
  return zipSync({ "[Content_Types].xml": strToU8(CONTENT_TYPES), "photos/cat.txt": strToU8("not a Word document") });
}

/** A Word document whose text part inflates to `megabytes` MB (a zip bomb). */
export function docxBomb(megabytes: number): Uint8Array {
  const big = new Uint8Array(megabytes * 1024 * 1024).fill(0x20);
  return zipSync({ "[Content_Types].xml": strToU8(CONTENT_TYPES), "_rels/.rels": strToU8(RELS), "word/document.xml": [big, { level: 9 }] });
}

