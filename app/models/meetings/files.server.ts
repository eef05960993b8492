/**
 * Documents written in Markdown or uploaded as files. Files are stored in the
 * database (one backup holds everything), at most 20 MB, their type decided by
 * their content (magic bytes; for zip containers, what is inside), never by
 * their name. Replacing a file keeps the old one, marked superseded.
 */
import { createHash } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { and, eq, isNull, sql } from "drizzle-orm";
import { agendaItemDocuments, agendaItems, documentFiles, documents, meetings } from "../../../db/schema/meetings";
import { db, type Executor } from "../../db.server";
import { documentFileVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { slugify } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";
import { isUuid } from "../../utils/uuid";
import { initialTextStatus } from "./file-text.server";

import { MAX_FILE_BYTES } from "../../utils/body-limits";

export { MAX_FILE_BYTES };

export const FILE_TYPES = {
  pdf: { mediaType: "application/pdf", label: "PDF", ext: "pdf" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document", ext: "docx" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel spreadsheet", ext: "xlsx" },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", label: "OpenDocument text", ext: "odt" },
  png: { mediaType: "image/png", label: "PNG image", ext: "png" },
  jpeg: { mediaType: "image/jpeg", label: "JPEG image", ext: "jpg" },
  gif: { mediaType: "image/gif", label: "GIF image", ext: "gif" },
} as const;
export type FileKind = keyof typeof FILE_TYPES;

export function fileTypeLabel(mediaType: string): string {
  return Object.values(FILE_TYPES).find((t) => t.mediaType === mediaType)?.label ?? "File";
}

function startsWith(bytes: Uint8Array, magic: number[], offset = 0) {
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** The entries of a zip file: name and (stored or deflated) content, from the local headers. */
function zipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limit = 2000) {
  const out = new Map<string, string>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (let n = 0; n < limit && offset + 30 <= bytes.length; n++) {
    if (view.getUint32(offset, true) !== 0x04034b50) break;
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    const compressed = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 30, offset + 30 + nameLength));
    const start = offset + 30 + nameLength + extraLength;
    if (flags & 0x08 && compressed === 0) break; // sizes in a data descriptor: stop (names seen so far still count)
    const data = bytes.subarray(start, start + compressed);
    if (wanted(name)) {
      try {
        const raw = method === 0 ? data : method === 8 ? inflateRawSync(data) : null;
        out.set(name, raw ? new TextDecoder().decode(raw) : "");
      } catch {
        out.set(name, "");
      }
    }
    offset = start + compressed;
  }
  return out;
}

/** What the file really is, from its content; null when it is none of the accepted types. */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "gif";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = zipEntries(bytes, (name) => name === "mimetype" || name === "[Content_Types].xml");
    const mimetype = entries.get("mimetype")?.trim();
    if (mimetype === FILE_TYPES.odt.mediaType) return "odt";
    const types = entries.get("[Content_Types].xml") ?? "";
    if (types.includes("wordprocessingml.document.main+xml")) return "docx";
    if (types.includes("spreadsheetml.sheet.main+xml")) return "xlsx";
  }
  return null;
}

/** A file name safe to send back: the given name's words, the extension of the real type. */
export function safeFileName(name: string, kind: FileKind): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  const clean = slugify(base).slice(0, 80) || "document";
  return `${clean}.${FILE_TYPES[kind].ext}`;
}

async function uniqueDocumentSlug(tx: Executor, title: string) {
  const base = slugify(title).slice(0, 70) || "document";
  let slug = base;
  for (let n = 2; ; n++) {
    const [taken] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.slug, slug));
    if (!taken) return slug;
    slug = `${base}-${n}`;
  }
}

function documentFields(d: typeof documents.$inferSelect) {
  return { title: d.title, summary: d.summary, body: d.body, kind: d.kind };
}

/**
 * A report for an agenda item: written in Markdown and/or an uploaded file. It is
 * published with the item (now, if the item already is).
 */
export async function createItemDocument(
  tx: Executor,
  actor: Actor,
  itemId: string,
  input: { title: string; body: string; file: { name: string; bytes: Uint8Array } | null },
) {
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  if (!item) throw new ClerkError("form", "This agenda item no longer exists");
  if (!input.body && !input.file) throw new ClerkError("body", "Write the report or choose a file to upload");
  const kind = input.file ? checkFile(input.file.bytes, "file") : null;
  const [doc] = await tx
    .insert(documents)
    .values({
      slug: await uniqueDocumentSlug(tx, input.title),
      kind: "report",
      title: input.title,
      body: input.body,
      publishedAt: item.publishedAt ? new Date() : null,
      documentDate: new Date().toISOString().slice(0, 10),
    })
    .returning();
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(agendaItemDocuments)
    .where(eq(agendaItemDocuments.agendaItemId, itemId));
  await tx.insert(agendaItemDocuments).values({ agendaItemId: itemId, documentId: doc.id, position: Number(n) + 1 });
  await keepRevision(tx, { entityType: "document", entityId: doc.id, version: 1, data: documentFields(doc), authorId: actor.userId });
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "document", entityId: doc.id, after: { ...documentFields(doc), agendaItemId: itemId }, ipAddress: actor.ipAddress });
  if (input.file && kind) await storeFile(tx, actor, doc.id, input.file, kind);
  return doc;
}

/**
 * An action's closure evidence as a document (kind "evidence") with its file,
 * published at once: `documentVisible` still shows it only where the action is
 * seen (app/rules/visibility.server.ts). The file is checked as every upload is.
 */
export async function createEvidenceDocument(
  tx: Executor,
  actor: Actor,
  input: { title: string; organisationId: string; file: { name: string; bytes: Uint8Array }; field: string; now: Date },
) {
  const kind = checkFile(input.file.bytes, input.field);
  const [doc] = await tx
    .insert(documents)
    .values({
      slug: await uniqueDocumentSlug(tx, input.title),
      kind: "evidence",
      title: input.title,
      organisationId: input.organisationId,
      publishedAt: input.now,
      documentDate: input.now.toISOString().slice(0, 10),
    })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "document", entityId: doc.id, after: documentFields(doc), ipAddress: actor.ipAddress });
  const file = await storeFile(tx, actor, doc.id, input.file, kind);
  return { document: doc, file };
}

function checkFile(bytes: Uint8Array, field: string): FileKind {
  if (bytes.byteLength === 0) throw new ClerkError(field, "The selected file is empty");
  if (bytes.byteLength > MAX_FILE_BYTES) throw new ClerkError(field, "The selected file must be smaller than 20 MB");
  const kind = detectFileKind(bytes);
  if (!kind) throw new ClerkError(field, "The selected file must be a PDF, DOCX, XLSX, ODT, PNG, JPEG or GIF (its content does not match any of these)");
  return kind;
}

async function storeFile(tx: Executor, actor: Actor, documentId: string, file: { name: string; bytes: Uint8Array }, kind: FileKind) {
  const now = new Date();
  const superseded = await tx
    .update(documentFiles)
    .set({ supersededAt: now })
    .where(and(eq(documentFiles.documentId, documentId), isNull(documentFiles.supersededAt)))
    .returning({ id: documentFiles.id });
  const [row] = await tx
    .insert(documentFiles)
    .values({
      documentId,
      fileName: safeFileName(file.name, kind),
      mediaType: FILE_TYPES[kind].mediaType,
      byteSize: file.bytes.byteLength,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      content: file.bytes,
      uploadedById: actor.userId,
      // Its text is read in the background (file-text.server.ts), never in the request.
      textStatus: initialTextStatus(FILE_TYPES[kind].mediaType),
    })
    .returning({ id: documentFiles.id, fileName: documentFiles.fileName, mediaType: documentFiles.mediaType, byteSize: documentFiles.byteSize, sha256: documentFiles.sha256 });
  await recordAudit(tx, {
    userId: actor.userId,
    action: superseded.length ? "update" : "create",
    entityType: "document_file",
    entityId: row.id,
    before: superseded.length ? { superseded: superseded.map((s) => s.id) } : null,
    after: { documentId, ...row },
    ipAddress: actor.ipAddress,
  });
  return row;
}

/** Replaces a document's file: the old one is kept, marked superseded. */
export async function replaceFile(tx: Executor, actor: Actor, documentId: string, file: { name: string; bytes: Uint8Array }) {
  const [doc] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new ClerkError("form", "This document no longer exists");
  const kind = checkFile(file.bytes, "file");
  return storeFile(tx, actor, documentId, file, kind);
}

export async function updateDocument(
  tx: Executor,
  actor: Actor,
  id: string,
  version: number,
  input: { title: string; summary: string; body: string },
  reason: string,
) {
  const [before] = await tx.select().from(documents).where(eq(documents.id, id)).for("update");
  if (!before) throw new ClerkError("form", "This document no longer exists");
  if (before.version !== version) throw new ConflictError(documentFields(before), before.version);
  if (before.publishedAt && !reason) throw new ClerkError("reason", "The document is published: enter the reason for the change (the public sees it)");
  const [after] = await tx
    .update(documents)
    .set({ ...input, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(documents.id, id), eq(documents.version, version)))
    .returning();
  await keepRevision(tx, {
    entityType: "document",
    entityId: id,
    version: after.version,
    data: documentFields(after),
    reason: reason || null,
    authorId: actor.userId,
    previous: { version: before.version, data: documentFields(before) },
  });
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "document", entityId: id, before: documentFields(before), after: documentFields(after), ipAddress: actor.ipAddress });
  return after;
}

/** A file as the viewer may download it: null (a 404) unless the visibility rule lets them see it (a superseded file: clerks only). */
export async function getFileForDownload(viewer: Viewer, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db()
    .select({
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      byteSize: documentFiles.byteSize,
      sha256: documentFiles.sha256,
      content: documentFiles.content,
    })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(eq(documentFiles.id, id), documentFileVisible(viewer)));
  return row ?? null;
}

export async function getClerkDocument(id: string) {
  if (!isUuid(id)) return null;
  const [doc] = await db().select().from(documents).where(eq(documents.id, id));
  if (!doc) return null;
  const files = await db()
    .select({
      id: documentFiles.id,
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      byteSize: documentFiles.byteSize,
      supersededAt: documentFiles.supersededAt,
      createdAt: documentFiles.createdAt,
      textStatus: documentFiles.textStatus,
      textNote: documentFiles.textNote,
      pageCount: documentFiles.pageCount,
      pdfHasTitle: documentFiles.pdfHasTitle,
      pdfHasLanguage: documentFiles.pdfHasLanguage,
    })
    .from(documentFiles)
    .where(eq(documentFiles.documentId, id));
  const items = await db()
    .select({ id: agendaItems.id, title: agendaItems.title, meetingId: meetings.id, meetingTitle: meetings.title })
    .from(agendaItemDocuments)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemDocuments.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItemDocuments.documentId, id));
  return { document: doc, files, items };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
