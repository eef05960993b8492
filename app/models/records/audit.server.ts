/**
 * The audit log: every write in the portal appends a row here, in the same
 * transaction as the write. Append-only: there is no update or delete path.
 */
import { and, asc, count, desc, eq, max, sql } from "drizzle-orm";
import { auditLog } from "../../../db/schema/records";
import { db, sqlState, type Executor } from "../../db.server";
import { user } from "../people/refs.server";

export interface AuditEntry {
  /** Null for the system (content import, scheduled jobs). */
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ipAddress?: string | null;
}

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  // JSON round trip: dates become ISO strings, binary content is never logged.
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (v instanceof Uint8Array || (v && v.type === "Buffer") ? "[binary]" : v)),
  );
}

export async function recordAudit(tx: Executor, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: plain(entry.before),
    after: plain(entry.after),
    ipAddress: entry.ipAddress ?? null,
  });
}

/**
 * The id up to which the audit log is settled: every entry with an id at or below it is
 * committed, or gone with its transaction, so a reader that walks the log by id (the
 * follower notifier) never passes over an entry that is still to come. Ids are taken when
 * a row is inserted, not when it commits: on PostgreSQL a write holding id 10 may commit
 * after one holding id 11, and the largest id seen is no such bound.
 *
 * Every transaction that inserted an entry holds the table's ROW EXCLUSIVE lock until it
 * ends; SHARE conflicts with it. So this short transaction of its own waits for those
 * writes (new ones wait for it, a moment), reads the largest id, and lets go. Null when the
 * lock is not had within `waitMs` (a long write): the caller tries again on its next run.
 */
export async function settledAuditId(waitMs = 1_000): Promise<number | null> {
  try {
    return await db().transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${Math.max(1, Math.round(waitMs))}`));
      await tx.execute(sql`lock table ${auditLog} in share mode`);
      const [row] = await tx.select({ id: max(auditLog.id) }).from(auditLog);
      return Number(row?.id ?? 0);
    });
  } catch (error) {
    if (sqlState(error) === "55P03") return null; // lock_not_available
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Reading the log (admins only: the routes check `read:audit:any`).
// ---------------------------------------------------------------------------

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  userId?: string;
  action?: string;
}

export async function listAuditEntries(
  executor: Executor,
  filter: AuditFilter,
  options: { page: number; pageSize: number },
) {
  const conditions = [
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [{ total }] = await executor.select({ total: count() }).from(auditLog).where(where);
  const rows = await executor
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: user.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      ipAddress: auditLog.ipAddress,
    })
    .from(auditLog)
    .leftJoin(...user.on(auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { rows, total };
}

/** The values the filters offer. */
export async function auditFilterOptions(executor: Executor) {
  const entityTypes = await executor
    .selectDistinct({ value: auditLog.entityType })
    .from(auditLog)
    .orderBy(asc(auditLog.entityType));
  const actions = await executor.selectDistinct({ value: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return { entityTypes: entityTypes.map((r) => r.value), actions: actions.map((r) => r.value) };
}
