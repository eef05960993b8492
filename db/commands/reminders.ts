/**
 * Queues due-date reminders for questions and actions (before the due date and
 * when overdue), then sends what is waiting in the outbox. Safe to run from cron
 * any number of times: each reminder has a dedupe key, so nothing is sent twice.
 *
 *   npm run reminders
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";
import { siteUrl } from "../../app/utils/site-url.server";
import { sendPendingEmails } from "../../app/models/publishing";
import { queueReminders } from "../../app/models/questions";

try {
  await migrateDatabase();
  const site = siteUrl();
  const { queued } = await queueReminders({ site });
  const { sent, failed } = await sendPendingEmails({ limit: 500 });
  console.log(`Reminders: ${queued} queued. Outbox: ${sent} sent, ${failed} failed.`);
  if (failed > 0) process.exitCode = 1;
} finally {
  await closeDatabase();
}
