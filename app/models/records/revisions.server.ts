/**
 * Revisions: every save of an agenda item, minute, document or meeting keeps the
 * version it made (the record's fields as saved, who, when, and why), so a history
 * page can say what changed in words (app/rules/change-wording.server.ts), and public pages can say
 * "Updated on ...: reason" after publication.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { revisions, REVISION_ENTITY_TYPES } from "../../../db/schema/records";
import { db, type Executor } from "../../db.server";
import { formatDateTime } from "../../rules/dates.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { user } from "../people/refs.server";

export type RevisionEntityType = (typeof REVISION_ENTITY_TYPES)[number];

export function isRevisionEntityType(value: string): value is RevisionEntityType {
  return (REVISION_ENTITY_TYPES as readonly string[]).includes(value);
}

/**
 * Keeps a version. When the record has no revision yet (created before revisions,
 * e.g. imported), the previous version is kept first, without an author.
 */
export async function keepRevision(
  tx: Executor,
  entry: {
    entityType: RevisionEntityType;
    entityId: string;
    version: number;
    data: Record<string, unknown>;
    reason?: string | null;
    authorId: string | null;
    previous?: { version: number; data: Record<string, unknown> };
  },
) {
  if (entry.previous) {
    const [existing] = await tx
      .select({ id: revisions.id })
      .from(revisions)
      .where(and(eq(revisions.entityType, entry.entityType), eq(revisions.entityId, entry.entityId)))
      .limit(1);
    if (!existing) {
      await tx.insert(revisions).values({
        entityType: entry.entityType,
        entityId: entry.entityId,
        version: entry.previous.version,
        data: entry.previous.data,
        authorId: null,
      });
    }
  }
  await tx.insert(revisions).values({
    entityType: entry.entityType,
    entityId: entry.entityId,
    version: entry.version,
    data: JSON.parse(JSON.stringify(entry.data)),
    reason: entry.reason || null,
    authorId: entry.authorId,
  });
}

/**
 * One page of a record's versions, newest first, with the version before the page's last
 * (so each version on the page can be compared with the one it replaced), and the count.
 */
export async function revisionsPage(entityType: RevisionEntityType, entityId: string, page: number, size = PAGE_SIZE) {
  const where = and(eq(revisions.entityType, entityType), eq(revisions.entityId, entityId));
  const [{ total }] = await db().select({ total: count() }).from(revisions).where(where);
  const rows = await db()
    .select({
      id: revisions.id,
      version: revisions.version,
      data: revisions.data,
      reason: revisions.reason,
      createdAt: revisions.createdAt,
      authorId: revisions.authorId,
      author: user.name,
    })
    .from(revisions)
    .leftJoin(...user.on(revisions.authorId))
    .where(where)
    .orderBy(desc(revisions.version))
    .limit(size + 1)
    .offset((page - 1) * size);
  return {
    total: Number(total),
    versions: rows.slice(0, size).map((r, i) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown>, previous: (rows[i + 1]?.data ?? null) as Record<string, unknown> | null })),
  };
}

/** "Updated on ...: reason" lines for the public, for changes made after publication. */
/**
 * `publicUpdates` for several records of one type published at the same moment (the
 * minutes of a meeting), in one query: by record id, each newest first.
 */
export async function publicUpdatesFor(executor: Executor, entityType: RevisionEntityType, entityIds: string[], publishedAt: Date | null) {
  const byId: Record<string, { on: string; reason: string }[]> = Object.fromEntries(entityIds.map((id) => [id, []]));
  if (!publishedAt || entityIds.length === 0) return byId;
  const rows = await executor
    .select({ entityId: revisions.entityId, reason: revisions.reason, createdAt: revisions.createdAt })
    .from(revisions)
    .where(
      and(
        eq(revisions.entityType, entityType),
        inArray(revisions.entityId, entityIds),
        gt(revisions.createdAt, publishedAt),
        isNotNull(revisions.reason),
      ),
    )
    .orderBy(desc(revisions.createdAt));
  for (const r of rows) byId[r.entityId]?.push({ on: formatDateTime(r.createdAt), reason: r.reason ?? "" });
  return byId;
}

export async function publicUpdates(executor: Executor, entityType: RevisionEntityType, entityId: string, publishedAt: Date | null) {
  if (!publishedAt) return [];
  const rows = await executor
    .select({ reason: revisions.reason, createdAt: revisions.createdAt })
    .from(revisions)
    .where(
      and(
        eq(revisions.entityType, entityType),
        eq(revisions.entityId, entityId),
        gt(revisions.createdAt, publishedAt),
        isNotNull(revisions.reason),
      ),
    )
    .orderBy(desc(revisions.createdAt));
  return rows.map((r) => ({ on: formatDateTime(r.createdAt), reason: r.reason ?? "" }));
}
