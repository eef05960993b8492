/**
 * Queues due-date reminders for questions and actions (before the due date and
 * when overdue), and for responses to the board's recommendations (their lead, before
 * the due day and when overdue), then sends what is waiting in the outbox. Safe to run from cron
 * any number of times: each reminder has a dedupe key, so nothing is sent twice.
 *
 *   npm run reminders
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";
import { siteUrl } from "../../app/utils/site-url.server";
import { sendPendingEmails } from "../../app/models/publishing";
import { queueReminders } from "../../app/models/questions";
import { queueRecommendationReminders } from "../../app/models/oversight";

try {
  await migrateDatabase();
  const site = siteUrl();
  const { queued: questionsAndActions } = await queueReminders({ site });
  const { queued: recommendations } = await queueRecommendationReminders({ site });
  const queued = questionsAndActions + recommendations;
  const { sent, failed } = await sendPendingEmails({ limit: 500 });
  console.log(`Reminders: ${queued} queued. Outbox: ${sent} sent, ${failed} failed.`);
  if (failed > 0) process.exitCode = 1;
} finally {
  await closeDatabase();
}
