/**
 * Backups the running server makes of its own embedded database (BACKUP_DIR;
 * docs/decisions/027-backups.md): `npm run backup` needs the embedded database closed, so a
 * server that should not stop backs itself up instead, at start-up and every
 * BACKUP_EVERY_HOURS, keeping the newest BACKUP_KEEP files. On PostgreSQL, cron runs
 * `npm run backup` (pg_dump does not need the portal stopped), so BACKUP_DIR is not used.
 */
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../../app/env.server";
import { backupOpenPglite } from "./pglite";

const BACKUP_NAME = /^portal-\d{8}T\d{6}Z\.backup$/;

/** portal-20261206T101500Z.backup */
export function backupFileName(now = new Date()): string {
  return `portal-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.backup`;
}

/** Writes one backup into `dir` and removes the oldest beyond `keep` (only files named as backups). */
export async function writeScheduledBackup(dir: string, keep: number, now = new Date()) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, backupFileName(now));
  const manifest = await backupOpenPglite(file);
  const ours = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  const removed = ours.slice(keep).map((name) => path.join(dir, name));
  for (const old of removed) fs.rmSync(old, { force: true });
  return { file, manifest, removed };
}

let timer: NodeJS.Timeout | undefined;

export function startScheduledBackups(log: (line: string) => void = (line) => console.log(line)) {
  const env = getEnv();
  if (!env.BACKUP_DIR || timer) return;
  if (env.DATABASE_URL) {
    log("BACKUP_DIR is for the embedded database; on PostgreSQL run `npm run backup` from cron (see README, Backups).");
    return;
  }
  const dir = path.resolve(env.BACKUP_DIR);
  const run = async () => {
    try {
      const { file, removed } = await writeScheduledBackup(dir, env.BACKUP_KEEP);
      log(`[backup] wrote ${file}${removed.length ? `; removed ${removed.length} older` : ""}.`);
    } catch (error) {
      console.warn(`[backup] the scheduled backup failed: ${(error as Error).message}`);
    }
  };
  void run();
  timer = setInterval(run, env.BACKUP_EVERY_HOURS * 3_600_000);
  timer.unref();
}
