/** Records: the audit log, content sources, settings and revisions. */
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt, bytea } from "./columns";
import { users } from "./people";

// ---------------------------------------------------------------------------
// Audit, content sources, settings
// ---------------------------------------------------------------------------

/** Append-only: the app has no update or delete path for it. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: tstz().notNull().defaultNow(),
    userId: uuid().references(() => users.id),
    /** e.g. "create", "update", "publish", "sign_in" */
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    ipAddress: text(),
  },
  (t) => [index().on(t.userId), index().on(t.entityType, t.entityId), index().on(t.at)],
);

/** Which content file produced which record, and the file's hash when last imported. */
export const contentSources = pgTable("content_sources", {
  path: text().primaryKey(),
  sha256: text().notNull(),
  entityType: text().notNull(),
  entityId: uuid().notNull(),
  importedAt: tstz().notNull().defaultNow(),
});

/** Key-value settings an admin can change (e.g. the clear-days rule). */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------------------
// Revisions (issue 4)
// ---------------------------------------------------------------------------

/**
 * Every version of an agenda item, minute or document (issue 4): the record's
 * public fields as they were, who changed them, when and why.
 */
export const REVISION_ENTITY_TYPES = ["agenda_item", "minute", "document", "meeting"] as const;

export const revisions = pgTable(
  "revisions",
  {
    id: id(),
    entityType: text({ enum: REVISION_ENTITY_TYPES }).notNull(),
    entityId: uuid().notNull(),
    version: integer().notNull(),
    data: jsonb().notNull(),
    /** Shown publicly as "updated on ...: reason" after publication. */
    reason: text(),
    authorId: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.entityType, t.entityId, t.version), index().on(t.authorId)],
);

// ---------------------------------------------------------------------------
// Generated files (issue 18, items 6 and 8)
// ---------------------------------------------------------------------------

/**
 * Files the portal builds from the public record and keeps until what they were built from
 * changes: a meeting's agenda pack and minutes PDFs, the open data bulk download
 * (docs/decisions/035-agenda-pack-pdf-and-bulk-download.md). `key` fingerprints the record
 * the file was built from; a request whose fingerprint differs builds it again. Only files
 * for the public are kept here, so app servers stay stateless and share them.
 */
export const generatedFiles = pgTable("generated_files", {
  name: text().primaryKey(),
  key: text().notNull(),
  mediaType: text().notNull(),
  content: bytea().notNull(),
  byteSize: integer().notNull(),
  createdAt: createdAt(),
});
