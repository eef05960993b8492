/**
 * The retention job (issue #20 item 6; docs/decisions/031-peoples-data-and-retention.md):
 * removes sent e-mails and sign-in records older than the administrator's settings
 * (/admin/settings). Each app server runs it at start-up and every six hours, and
 * `npm run retention` runs it from cron; under an advisory lock, so two at once do it one after the other.
 * What it removed is recorded in the audit log (counts only), when it removed anything.
 */
import { sql } from "drizzle-orm";
import { deleteOldSignInRecords } from "../auth/sign-in-records.server";
import { db } from "../db.server";
import { deleteOldEmails } from "../models/publishing";
import { getRetention, recordAudit } from "../models/records";
import { describeError } from "../utils/error-log";

const DAY_MS = 24 * 3_600_000;
const RETENTION_LOCK = "retention.job";

export interface RetentionRun {
  emails: number;
  sessions: number;
  signInFailures: number;
  oneTimeLinks: number;
  counters: number;
}

export async function removeExpiredRecords(options: { now?: Date } = {}): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    // One at a time on every server; the second finds nothing left to remove.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${RETENTION_LOCK}))`);
    const rule = await getRetention(tx);
    const emails = await deleteOldEmails(tx, new Date(now.getTime() - rule.outboxDays * DAY_MS));
    const signIn = await deleteOldSignInRecords(tx, { cutoff: new Date(now.getTime() - rule.signInDays * DAY_MS), now });
    const run: RetentionRun = { emails, ...signIn };
    if (emails + signIn.sessions + signIn.signInFailures + signIn.oneTimeLinks + signIn.counters > 0) {
      await recordAudit(tx, { userId: null, action: "remove_expired", entityType: "retention", entityId: null, before: rule, after: run });
    }
    return run;
  });
}

let timer: NodeJS.Timeout | undefined;

/** Runs the job now and every `intervalMs` (unref'd: it never keeps the process alive; failures are logged). */
export function startRetentionJob(intervalMs = 6 * 3_600_000) {
  if (timer) return;
  const run = async () => {
    try {
      await removeExpiredRecords();
    } catch (error) {
      console.warn(`[retention] removing expired records failed: ${describeError(error)}`);
    }
  };
  void run();
  timer = setInterval(run, intervalMs);
  timer.unref();
}
