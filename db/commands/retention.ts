/**
 * Removes sent e-mails and sign-in records older than the administrator's retention
 * settings (/admin/settings; docs/decisions/031-peoples-data-and-retention.md). Each app
 * server does this every six hours by itself; this is for cron. Safe to run any number of times.
 *
 *   npm run retention
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";
import { removeExpiredRecords } from "../../app/server/retention.server";

try {
  await migrateDatabase();
  const run = await removeExpiredRecords();
  console.log(
    `Retention: removed ${run.emails} e-mails, ${run.sessions} sessions, ${run.signInFailures} sign-in failure counts, ` +
      `${run.oneTimeLinks} one-time links, ${run.counters} request counters.`,
  );
} finally {
  await closeDatabase();
}
