/**
 * Sends the e-mails waiting in the outbox (by SMTP when SMTP_URL is set, else to
 * this command's output). The app sends after each request that queues one; this
 * is for a scheduler (cron) to retry failures.
 *
 *   npm run outbox:send
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";
import { sendPendingEmails } from "../../app/models/publishing";

try {
  await migrateDatabase();
  const { sent, failed } = await sendPendingEmails({ limit: 500 });
  console.log(`Outbox: ${sent} sent, ${failed} failed.`);
  if (failed > 0) process.exitCode = 1;
} finally {
  await closeDatabase();
}
