/**
 * The audit log: every write in the portal appends a row here, in the same
 * transaction as the write. Append-only: there is no update or delete path.
 */
import { auditLog } from "../../db/schema";
import type { Executor } from "../db.server";

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
