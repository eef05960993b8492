/**
 * E-mail goes through the outbox table: queued in the same transaction as the
 * change that causes it, then sent by `sendPendingEmails` (after a request that
 * queued something, and by `npm run outbox:send`). With SMTP_URL set it is sent by
 * SMTP (nodemailer); otherwise the server log says that it was written (recipient
 * and subject only: a body can hold a one-time link) and where to read it, the
 * administrator's outbox page, /admin/outbox.
 *
 * An e-mail may carry extra headers (`headers`), sent as they are by SMTP: e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)
 * on follow notifications (docs/decisions/008-one-click-unsubscribe.md).
 */
import { and, asc, count, desc, eq, isNull, lt } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { outbox } from "../../../db/schema/publishing";
import { db, type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { describeError } from "../../utils/error-log";
import { recordAudit } from "../records";

export type OutboxRow = typeof outbox.$inferSelect;

export const MAX_SEND_ATTEMPTS = 5;

export interface QueuedEmail {
  to: string;
  subject: string;
  body: string;
  /** The same key is never queued twice (reminders, repeated requests). */
  dedupeKey?: string;
  /** Extra headers, e.g. `{ "List-Unsubscribe": "<https://...>" }`. */
  headers?: Record<string, string>;
}

/** A header name as RFC 5322 allows it (printable ASCII but ":"), not one the mailer sets itself. */
const HEADER_NAME = /^[!-9;-~]{1,76}$/;
const MAILER_HEADERS = new Set(["from", "to", "cc", "bcc", "subject", "date", "message-id", "content-type", "mime-version"]);

/**
 * Checks extra headers before they are stored: a line break in a value would let
 * it add headers of its own (header injection), so it is refused, not cleaned.
 */
export function checkedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name) || MAILER_HEADERS.has(name.toLowerCase())) throw new Error(`E-mail header name not allowed: ${name}`);
    if (typeof value !== "string" || /[\r\n\0]/.test(value) || value.length > 900) throw new Error(`E-mail header ${name} has a value that cannot be sent`);
    checked[name] = value;
  }
  return checked;
}

/** The headers as they are written in the message, one per line. */
export function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

/** Queues an e-mail; null when one with the same dedupe key is already queued. */
export async function queueEmail(
  tx: Executor,
  email: QueuedEmail,
  actor: { userId: string | null; ipAddress?: string | null } = { userId: null },
): Promise<OutboxRow | null> {
  const [row] = await tx
    .insert(outbox)
    .values({
      toAddress: email.to,
      subject: email.subject,
      body: email.body,
      headers: checkedHeaders(email.headers),
      dedupeKey: email.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning();
  if (!row) return null;
  // The body (and a List-Unsubscribe header) may hold a one-time link: the audit
  // log records only who and what, and the names of any extra headers.
  await recordAudit(tx, {
    userId: actor.userId,
    action: "queue",
    entityType: "email",
    entityId: row.id,
    after: {
      to: row.toAddress,
      subject: row.subject,
      dedupeKey: row.dedupeKey,
      ...(Object.keys(row.headers).length ? { headers: Object.keys(row.headers) } : {}),
    },
    ipAddress: actor.ipAddress,
  });
  return row;
}

type Transport = (email: OutboxRow) => Promise<void>;

let transportOverride: Transport | null = null;

/** Tests replace the transport; `null` restores the real one. */
export function setTransportForTests(transport: Transport | null) {
  transportOverride = transport;
}

/** What nodemailer is given for one e-mail: the extra headers go in as they are. */
export function mailOptions(email: OutboxRow, from: string): SendMailOptions {
  return {
    from,
    to: email.toAddress,
    subject: email.subject,
    text: email.body,
    headers: Object.entries(email.headers ?? {}).map(([key, value]) => ({ key, value })),
  };
}

function transport(): Transport {
  if (transportOverride) return transportOverride;
  const env = getEnv();
  if (env.SMTP_URL) {
    const mailer = nodemailer.createTransport(env.SMTP_URL);
    return async (email) => {
      await mailer.sendMail(mailOptions(email, env.MAIL_FROM));
    };
  }
  // No mail server: the e-mail stays in the outbox. The log says so without the
  // body or headers, which can hold reset, invitation and follow links.
  return async (email) => {
    console.log(
      `[outbox] e-mail ${email.id} to ${email.toAddress} ("${email.subject}") kept in the outbox only, as SMTP_URL is not set: see /admin/outbox`,
    );
  };
}

/**
 * Sends what is waiting. Each e-mail is claimed by raising its attempt count in
 * one statement, so two app servers never send the same one.
 */
export async function sendPendingEmails(options: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const pending = await db()
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_SEND_ATTEMPTS)))
    .orderBy(asc(outbox.createdAt))
    .limit(options.limit ?? 50);
  const send = transport();
  let sent = 0;
  let failed = 0;
  for (const email of pending) {
    const [claimed] = await db()
      .update(outbox)
      .set({ attempts: email.attempts + 1 })
      .where(and(eq(outbox.id, email.id), eq(outbox.attempts, email.attempts), isNull(outbox.sentAt)))
      .returning();
    if (!claimed) continue;
    try {
      await send(claimed);
      await db().transaction(async (tx) => {
        const [done] = await tx
          .update(outbox)
          .set({ sentAt: new Date(), lastError: null })
          .where(eq(outbox.id, email.id))
          .returning();
        await recordAudit(tx, {
          userId: null,
          action: "send",
          entityType: "email",
          entityId: email.id,
          before: { sentAt: null },
          after: { sentAt: done.sentAt, attempts: done.attempts },
        });
      });
      sent += 1;
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      await db().transaction(async (tx) => {
        await tx.update(outbox).set({ lastError: message.slice(0, 1000) }).where(eq(outbox.id, email.id));
        await recordAudit(tx, {
          userId: null,
          action: "send_failed",
          entityType: "email",
          entityId: email.id,
          after: { attempts: claimed.attempts, error: message.slice(0, 200) },
        });
      });
      console.warn(`[outbox] could not send e-mail ${email.id} (attempt ${claimed.attempts}): ${describeError(error)}`);
    }
  }
  return { sent, failed };
}

/** Sends what is waiting without letting a failure reach the person's request. */
export async function sendPendingEmailsQuietly() {
  try {
    await sendPendingEmails();
  } catch (error) {
    console.warn(`[outbox] sending failed: ${describeError(error)}`);
  }
}

export async function listOutbox(executor: Executor, options: { page: number; pageSize: number }) {
  const [{ total }] = await executor.select({ total: count() }).from(outbox);
  const rows = await executor
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { rows, total };
}

/** What a masked token reads as in the administrator's outbox view. */
export const MASKED_TOKEN = "[link hidden]";

/**
 * The text of an e-mail (body or header value) with every one-time or standing
 * link token taken out: reset, invitation, follow confirmation, manage and
 * unsubscribe links keep their path, not their token, and any other run of 32 or
 * more token characters goes too (docs/decisions/011-outbox-masks-tokens.md).
 * An administrator never needs them; whoever reads the view could use them.
 */
export function maskTokens(text: string): string {
  return text
    .replace(
      /(\/(?:reset-password|invite|follow\/confirm|follow\/manage|follow\/unsubscribe)\/)[^\s<>"']+/g,
      `$1${MASKED_TOKEN}`,
    )
    .replace(/[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]{20,})?/g, MASKED_TOKEN);
}

/**
 * Whether the outbox page may show bodies (masked): a trial on this machine (no SITE_URL,
 * whatever the mode) without SMTP, where the log is the only copy.
 */
export function outboxShowsBodies(): boolean {
  const env = getEnv();
  return !env.SITE_URL && !env.SMTP_URL;
}
