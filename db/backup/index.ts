/**
 * `npm run backup` and `npm run restore` (docs/decisions/027-backups.md): the database the
 * portal is set to use (DATABASE_URL, else the embedded one in PGLITE_DIR), or one named.
 */
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../../app/env.server";
import { backupPglite, restorePglite } from "./pglite";
import { backupPostgres, restorePostgres } from "./postgres";
import type { BackupManifest } from "./backup-file";
import { backupFileName } from "./scheduled";

export { BackupRefused, BACKUP_FORMAT_VERSION, BACKUP_MAGIC, verifyBackupFile, type BackupManifest } from "./backup-file";
export { knownMigrations } from "./migrations";
export { backupFileName, startScheduledBackups, writeScheduledBackup } from "./scheduled";

export type BackupTarget = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** The database the portal is set to use. */
export function configuredTarget(): BackupTarget {
  const env = getEnv();
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  if (env.PGLITE_DIR.startsWith("memory://")) throw new Error("PGLITE_DIR is an in-memory database: there is nothing on disk to back up.");
  return { kind: "pglite", dir: env.PGLITE_DIR };
}

/** backups/portal-20261206T101500Z.backup, under the current folder. */
export function defaultBackupFile(now = new Date()): string {
  return path.resolve(process.cwd(), "backups", backupFileName(now));
}

export async function backupDatabase(file: string, target: BackupTarget = configuredTarget()): Promise<BackupManifest> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return target.kind === "pglite" ? backupPglite(target.dir, file) : backupPostgres(target.url, file);
}

export async function restoreDatabase(
  file: string,
  target: BackupTarget = configuredTarget(),
): Promise<{ manifest: BackupManifest; keptAs: string | null }> {
  if (target.kind === "pglite") return restorePglite(target.dir, file);
  return { ...(await restorePostgres(target.url, file)), keptAs: null };
}
