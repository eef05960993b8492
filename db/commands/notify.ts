/**
 * Queues e-mails to followers for changes recorded in the audit log since the
 * last run (agenda or minutes published, response posted, action completed,
 * meeting cancelled, a board recommendation's response or judgement recorded), and for
 * a followed board recommendation whose response has become overdue (once), then sends
 * what is waiting. Safe to run at any time and on
 * several servers: each change is e-mailed once.
 *
 *   npm run notify
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";
import { configuredSiteUrl, deliverFollowerNotifications } from "../../app/models/publishing";
import { sendPendingEmails } from "../../app/models/publishing";

try {
  await migrateDatabase();
  const queued = await deliverFollowerNotifications({ site: configuredSiteUrl() });
  console.log(queued === null ? "Another server is sending notifications: nothing to do." : `Followers: ${queued} e-mails queued.`);
  const { sent, failed } = await sendPendingEmails({ limit: 500 });
  console.log(`Outbox: ${sent} sent, ${failed} failed.`);
  if (failed > 0) process.exitCode = 1;
} finally {
  await closeDatabase();
}
