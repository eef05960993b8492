/**
 * Files the portal builds from the public record and keeps in the database until what they
 * were built from changes (issue 18: agenda pack and minutes PDFs, the bulk download).
 * The caller gives the file's name and a key fingerprinting its sources; a stored file with
 * the same key is served, otherwise it is built, stored and served. App servers keep nothing:
 * every server reads the one stored copy (docs/decisions/035-agenda-pack-pdf-and-bulk-download.md).
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { auditLog, generatedFiles } from "../../../db/schema/records";
import { db } from "../../db.server";

export interface GeneratedFile {
  content: Uint8Array;
  mediaType: string;
  /** The key it was built for: an ETag for the answer. */
  key: string;
}

/** A short fingerprint of anything JSON can write: the key of a generated file. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);
}

/** The stored file `name` if it was built for `key`; else `build()`, stored for the next request. */
export async function cachedFile(name: string, key: string, mediaType: string, build: () => Promise<Uint8Array>): Promise<GeneratedFile> {
  const [row] = await db()
    .select({ key: generatedFiles.key, content: generatedFiles.content, mediaType: generatedFiles.mediaType })
    .from(generatedFiles)
    .where(eq(generatedFiles.name, name));
  if (row && row.key === key) return { content: row.content, mediaType: row.mediaType, key };
  const content = await build();
  // Two servers building at once store the same bytes: the last write wins, either is right.
  await db()
    .insert(generatedFiles)
    .values({ name, key, mediaType, content, byteSize: content.byteLength })
    .onConflictDoUpdate({
      target: generatedFiles.name,
      set: { key, mediaType, content, byteSize: content.byteLength, createdAt: new Date() },
    });
  return { content, mediaType, key };
}

/** The latest change to anything in the portal: every write records an audit row (the bulk download's key). */
export async function latestChange(): Promise<{ id: number; at: string | null }> {
  const [row] = await db().select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint`, at: sql<string | null>`max(${auditLog.at})::text` }).from(auditLog);
  return { id: Number(row?.id ?? 0), at: row?.at ?? null };
}
