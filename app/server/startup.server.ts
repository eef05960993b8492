/**
 * Work done once when an app server starts, before it takes requests:
 * apply migrations, then import content/ (idempotent; files unchanged since the
 * last import are skipped). On PostgreSQL both run under an advisory lock, so
 * several servers starting at once do it one at a time. Last, on the embedded
 * database only, the demo accounts (app/auth/demo-accounts.server.ts).
 */
import path from "node:path";
import { holdServingLock, migrateDatabase } from "../db.server";
import { getEnv } from "../env.server";

export async function startup(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const env = getEnv();
  // Before anything else: a restore under way refuses the start, and a restore is refused while this runs.
  await holdServingLock();
  await migrateDatabase();
  log("Database migrated.");
  if (env.CONTENT_IMPORT_ON_START) {
    const { importContent } = await import("../content/import.server");
    const summary = await importContent({ directory: path.resolve(process.cwd(), "content"), log });
    log(`Content: ${summary.imported} imported, ${summary.unchanged} unchanged.`);
  }
  const { deleteExpiredSessions } = await import("../auth/lucia.server");
  await deleteExpiredSessions();
  // After content import, so the demo member and officer find their board and Trust.
  const { demoAccountsWanted, ensureDemoAccounts } = await import("../models/people");
  if (demoAccountsWanted()) await ensureDemoAccounts({ log });
  // E-mails to followers, derived from the audit log every minute (unref'd; errors logged, never thrown).
  const { startFollowerNotifier } = await import("../models/publishing");
  startFollowerNotifier();
  // The text of uploaded PDF and Word files, read in a child process, a file at a time (unref'd; errors logged).
  const { startFileTextReader } = await import("../models/meetings");
  startFileTextReader();
  // Sent e-mails and sign-in records past the administrator's retention settings, now and every six hours.
  const { startRetentionJob } = await import("./retention.server");
  startRetentionJob();
  // BACKUP_DIR on the embedded database: the server backs itself up (docs/decisions/027-backups.md).
  const { startScheduledBackups } = await import("../../db/backup/scheduled");
  startScheduledBackups(log);
}

/** Stops the periodic jobs this server runs and waits for any run in progress (SIGTERM). */
export async function stopJobs() {
  const { stopFollowerNotifier } = await import("../models/publishing");
  const { stopFileTextReader } = await import("../models/meetings");
  await Promise.all([stopFollowerNotifier(), stopFileTextReader()]);
}
