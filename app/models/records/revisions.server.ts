/**
 * Revisions: every save of an agenda item, minute, document or meeting keeps the
 * version it made (the record's fields as saved, who, when, and why), so a history
 * page can show each version and a line diff, and public pages can say
 * "Updated on ...: reason" after publication.
 */
import { and, asc, desc, eq, gt, isNotNull } from "drizzle-orm";
import { revisions, REVISION_ENTITY_TYPES } from "../../../db/schema/records";
import { db, type Executor } from "../../db.server";
import { formatDateTime } from "../../rules/dates.server";
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

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence of lines). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ kind: "removed", text: a[i++] });
    } else {
      out.push({ kind: "added", text: b[j++] });
    }
  }
  while (i < n) out.push({ kind: "removed", text: a[i++] });
  while (j < m) out.push({ kind: "added", text: b[j++] });
  return out;
}

function asText(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  return Object.entries(data as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${value === null || value === undefined ? "" : String(value)}`)
    .join("\n");
}

/** Every version of a record, newest first, each with its diff from the version before. */
export async function listRevisions(entityType: RevisionEntityType, entityId: string) {
  const rows = await db()
    .select({
      id: revisions.id,
      version: revisions.version,
      data: revisions.data,
      reason: revisions.reason,
      createdAt: revisions.createdAt,
      author: user.name,
    })
    .from(revisions)
    .leftJoin(...user.on(revisions.authorId))
    .where(and(eq(revisions.entityType, entityType), eq(revisions.entityId, entityId)))
    .orderBy(asc(revisions.version));
  return rows
    .map((r, index) => ({
      id: r.id,
      version: r.version,
      reason: r.reason,
      when: formatDateTime(r.createdAt),
      author: r.author ?? "Not recorded",
      diff: lineDiff(index === 0 ? "" : asText(rows[index - 1].data), asText(r.data)),
    }))
    .reverse();
}

/** "Updated on ...: reason" lines for the public, for changes made after publication. */
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
