/**
 * E-mail goes through the outbox table: queued in the same transaction as the
 * change that causes it, then sent by `sendPendingEmails` (after a request that
 * queued something, and by `npm run outbox:send`). With SMTP_URL set it is sent by
 * SMTP (nodemailer); otherwise the server log says that it was written (recipient
 * and subject only: a body can hold a one-time link) and where to read it, the
 * administrator's outbox page, /admin/outbox.
 *
 * Each e-mail is sent with a Message-ID made from its outbox row (`<outbox.<id>@<site host>>`):
 * one that is sent again because the worker died between sending and recording it carries
 * the same Message-ID, so the receiving side can tell it is the same message. SMTP itself
 * cannot promise once-only delivery (docs/decisions/027-backups.md, "Outbox").
 *
 * An e-mail may carry extra headers (`headers`), sent as they are by SMTP: e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)
 * on follow notifications (docs/decisions/008-one-click-unsubscribe.md).
 */
import { and, asc, count, desc, eq, gte, isNull, lt, or } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { outbox } from "../../../db/schema/publishing";
import { db, type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { describeError } from "../../utils/error-log";
import { siteAddress } from "../../utils/site-url.server";
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
  // log records only what, and the names of any extra headers. Not the address: the
  // audit log is append-only, and a follower may have everything about them deleted
  // (docs/decisions/031-peoples-data-and-retention.md); the outbox row names it.
  await recordAudit(tx, {
    userId: actor.userId,
    action: "queue",
    entityType: "email",
    entityId: row.id,
    after: {
      subject: row.subject,
      dedupeKey: row.dedupeKey,
      ...(Object.keys(row.headers).length ? { headers: Object.keys(row.headers) } : {}),
    },
    ipAddress: actor.ipAddress,
  });
  return row;
}

/** Whether an e-mail with this dedupe key is already queued (sent or not). */
export async function emailQueued(executor: Executor, dedupeKey: string): Promise<boolean> {
  const [row] = await executor.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
  return row !== undefined;
}

type Transport = (email: OutboxRow) => Promise<void>;

let transportOverride: Transport | null = null;

/** Tests replace the transport; `null` restores the real one. */
export function setTransportForTests(transport: Transport | null) {
  transportOverride = transport;
}

/** The e-mail's idempotency key: the same for every attempt to send this outbox row. */
export function outboxMessageId(email: Pick<OutboxRow, "id">): string {
  return `<outbox.${email.id}@${new URL(siteAddress().origin).hostname}>`;
}

/** What nodemailer is given for one e-mail: its Message-ID, and the extra headers as they are. */
export function mailOptions(email: OutboxRow, from: string): SendMailOptions {
  return {
    messageId: outboxMessageId(email),
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

/** How long a worker has to send a claimed e-mail and record it before another may send it again. */
export const SEND_CLAIM_MS = 10 * 60_000;

/**
 * Sends what is waiting. Each e-mail is claimed first (its attempt count raised and
 * `claimedUntil` set, in one statement), so no two workers send it at once; it is
 * marked sent only after the mail server has taken it. A worker that dies in between
 * leaves the claim to run out, and the e-mail is sent again, with the same Message-ID.
 */
export async function sendPendingEmails(options: { limit?: number; now?: Date } = {}): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  const unclaimed = or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now));
  const pending = await db()
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_SEND_ATTEMPTS), unclaimed))
    .orderBy(asc(outbox.createdAt))
    .limit(options.limit ?? 50);
  const send = transport();
  let sent = 0;
  let failed = 0;
  for (const email of pending) {
    const [claimed] = await db()
      .update(outbox)
      .set({ attempts: email.attempts + 1, claimedUntil: new Date(now.getTime() + SEND_CLAIM_MS) })
      .where(and(eq(outbox.id, email.id), eq(outbox.attempts, email.attempts), isNull(outbox.sentAt), unclaimed))
      .returning();
    if (!claimed) continue;
    try {
      await send(claimed);
      await db().transaction(async (tx) => {
        const [done] = await tx
          .update(outbox)
          .set({ sentAt: new Date(), lastError: null, claimedUntil: null })
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
        await tx.update(outbox).set({ lastError: message.slice(0, 1000), claimedUntil: null }).where(eq(outbox.id, email.id));
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

/**
 * Deletes e-mails sent before the cut-off, and those given up on (every attempt failed)
 * written before it (docs/decisions/031-peoples-data-and-retention.md). Returns how many.
 */
export async function deleteOldEmails(executor: Executor, cutoff: Date): Promise<number> {
  const gone = await executor
    .delete(outbox)
    .where(or(lt(outbox.sentAt, cutoff), and(isNull(outbox.sentAt), gte(outbox.attempts, MAX_SEND_ATTEMPTS), lt(outbox.createdAt, cutoff))))
    .returning({ id: outbox.id });
  return gone.length;
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
