/**
 * Following a body, meeting, question, action or priority, and the e-mails that
 * follow when it changes (docs: README "Find and follow").
 *
 * - A signed-in person follows directly; anyone else gives an e-mail address and
 *   confirms by a link (token hashed, expires after 7 days, works once).
 * - Every e-mail carries an unsubscribe link. Its token is an HMAC of the
 *   subscription id under a site secret kept in `settings`, so it can be put in
 *   every e-mail while only its hash is stored. The link in the body opens a page
 *   with one "Unsubscribe" button; the List-Unsubscribe and List-Unsubscribe-Post
 *   headers (RFC 8058) let a mail program stop it in one click
 *   (docs/decisions/008-one-click-unsubscribe.md).
 * - Notifications are derived from the audit log (append-only, written in the
 *   same transaction as every change): `deliverFollowerNotifications` reads the
 *   rows after a cursor (`settings` "notify.cursor"), maps the contract action
 *   names to followers, and queues e-mails with the dedupe key
 *   `follow:<subscriptionId>:<auditId>`, under an advisory lock, so running it
 *   twice, or on two servers at once, sends nothing twice. The cursor never passes
 *   the id where the log is settled (`settledAuditId`): on PostgreSQL a write that
 *   took a lower id may commit after one that took a higher, and is not skipped.
 */
import crypto from "node:crypto";
import { and, asc, count, desc, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import { outbox, subscriptions } from "../../../db/schema/publishing";
import { takeAllowance } from "../../auth/throttle.server";
import { db, type Executor } from "../../db.server";
import { type Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { recordAudit } from "../records";
import { queueEmail } from "./outbox.server";
import { isUuid } from "../../utils/uuid";
import { findFollowTarget, FOLLOW_TYPE_LABELS, type FollowTarget, type FollowTargetType } from "./follow-targets.server";
import { rotateToken, sha256, stopLines, unsubscribeHeaders, unsubscribeToken } from "./follow-tokens.server";

export const CONFIRM_LIFETIME_MS = 7 * 24 * 3_600_000;

/**
 * "Stop following everything" on the manage page opened by one subscription's
 * link: every live follow of that address stops, and that link's token is
 * rotated, so whoever else holds the old link (a forwarded e-mail) can no longer
 * see or change what the address follows. Returns the new token (the page the
 * person is on moves to it).
 */
export async function stopFollowingEverything(
  tx: Executor,
  via: { id: string; email: string; tokenVersion: number },
  actor: { userId: string | null; ipAddress?: string | null },
): Promise<{ stopped: number; token: string }> {
  const live = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.email, via.email), isNull(subscriptions.unsubscribedAt)));
  let stopped = 0;
  for (const row of live) if (await unsubscribe(tx, row.id, actor, "list")) stopped += 1;
  const token = await rotateToken(tx, via, actor);
  return { stopped, token };
}

async function activeSubscription(executor: Executor, email: string, target: FollowTarget) {
  const [row] = await executor
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.email, email),
        eq(subscriptions.targetType, target.type),
        eq(subscriptions.targetId, target.id),
        isNull(subscriptions.unsubscribedAt),
        isNotNull(subscriptions.confirmedAt),
      ),
    );
  return row ?? null;
}

async function insertSubscription(
  tx: Executor,
  values: { userId: string | null; email: string; target: FollowTarget; confirmed: boolean; confirmTokenHash?: string },
  ipAddress: string | null,
) {
  const id = crypto.randomUUID();
  const token = await unsubscribeToken(tx, id);
  const [row] = await tx
    .insert(subscriptions)
    .values({
      id,
      userId: values.userId,
      email: values.email,
      targetType: values.target.type,
      targetId: values.target.id,
      confirmedAt: values.confirmed ? new Date() : null,
      confirmTokenHash: values.confirmTokenHash ?? null,
      confirmExpiresAt: values.confirmTokenHash ? new Date(Date.now() + CONFIRM_LIFETIME_MS) : null,
      unsubscribeTokenHash: sha256(token),
    })
    .returning();
  await recordAudit(tx, {
    userId: values.userId,
    action: "create",
    entityType: "subscription",
    entityId: row.id,
    after: { targetType: row.targetType, targetId: row.targetId, confirmed: values.confirmed },
    ipAddress,
  });
  return row;
}

/** A signed-in person follows at once; following twice changes nothing. */
export async function followAsUser(
  tx: Executor,
  viewer: Extract<Viewer, { kind: "user" }>,
  target: FollowTarget,
  ipAddress: string | null = null,
) {
  const email = viewer.email.toLowerCase();
  const existing = await activeSubscription(tx, email, target);
  if (existing) return existing;
  return insertSubscription(tx, { userId: viewer.userId, email, target, confirmed: true }, ipAddress);
}

/** Follow e-mails (confirmations and "you already follow") one address may be sent per day. */
export const FOLLOW_EMAILS_PER_ADDRESS_PER_DAY = 5;
/** Requests to follow by e-mail one client address may make per hour. */
export const FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR = 20;
/** A pending confirmation is sent again (a fresh link) only once it is this old. */
export const CONFIRM_RESEND_AFTER_MS = 24 * 3_600_000;

async function pendingSubscription(executor: Executor, email: string, target: FollowTarget, now: Date) {
  const [row] = await executor
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.email, email),
        eq(subscriptions.targetType, target.type),
        eq(subscriptions.targetId, target.id),
        isNull(subscriptions.unsubscribedAt),
        isNull(subscriptions.confirmedAt),
        gt(subscriptions.confirmExpiresAt, now),
      ),
    )
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Anyone: a confirmation link goes to the address. Already following: the
 * e-mail says so instead. The page says the same whatever happens here, so
 * nobody learns what an address follows, and nobody can use it to bomb an
 * address (issue #22 item 6):
 * - at most one pending confirmation per address and subject: asked again, no
 *   e-mail, unless the one sent is a day old (then a fresh link replaces it);
 * - "you already follow" at most once a day per subscription;
 * - at most FOLLOW_EMAILS_PER_ADDRESS_PER_DAY follow e-mails to an address, and
 *   FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR requests from a client address; over
 *   either, nothing is sent.
 * The counters are in PostgreSQL (`rate_limits`), shared by every app server.
 */
export async function followByEmail(tx: Executor, emailAddress: string, target: FollowTarget, site: string, ipAddress: string | null = null) {
  const email = emailAddress.trim().toLowerCase();
  const now = new Date();
  if (!(await takeAllowance(`follow-client:${ipAddress ?? "unknown"}`, FOLLOW_REQUESTS_PER_CLIENT_PER_HOUR, 3_600_000, now, tx))) return;
  // One request at a time for this address and subject, on every server.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`follow:${email}:${target.type}:${target.id}`}))`);
  const mayEmail = () => takeAllowance(`follow-email:${email}`, FOLLOW_EMAILS_PER_ADDRESS_PER_DAY, 24 * 3_600_000, now, tx);
  const existing = await activeSubscription(tx, email, target);
  if (existing) {
    const dedupeKey = `follow-already:${existing.id}:${now.toISOString().slice(0, 10)}`;
    const [already] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
    if (already || !(await mayEmail())) return;
    const token = await unsubscribeToken(tx, existing.id, existing.tokenVersion);
    await queueEmail(tx, {
      to: email,
      subject: `You already follow: ${target.title}`,
      body: [
        `You already get an e-mail when this ${FOLLOW_TYPE_LABELS[target.type]} changes:`,
        `${site}${target.path}`,
        "",
        ...stopLines(site, token),
      ].join("\n"),
      headers: unsubscribeHeaders(site, token),
      dedupeKey,
    });
    return;
  }
  const pending = await pendingSubscription(tx, email, target, now);
  // When the pending link was sent: its expiry, less its lifetime.
  const sentAt = pending?.confirmExpiresAt ? pending.confirmExpiresAt.getTime() - CONFIRM_LIFETIME_MS : 0;
  if (pending && now.getTime() - sentAt < CONFIRM_RESEND_AFTER_MS) return;
  if (!(await mayEmail())) return;
  const confirm = crypto.randomBytes(32).toString("base64url");
  if (pending) {
    // A day old and still not confirmed: a fresh link; the one sent before stops working.
    await tx
      .update(subscriptions)
      .set({ confirmTokenHash: sha256(confirm), confirmExpiresAt: new Date(now.getTime() + CONFIRM_LIFETIME_MS) })
      .where(eq(subscriptions.id, pending.id));
    await recordAudit(tx, {
      userId: null,
      action: "reissue_confirm",
      entityType: "subscription",
      entityId: pending.id,
      after: { confirmExpiresAt: new Date(now.getTime() + CONFIRM_LIFETIME_MS) },
      ipAddress,
    });
  } else {
    await insertSubscription(tx, { userId: null, email, target, confirmed: false, confirmTokenHash: sha256(confirm) }, ipAddress);
  }
  await queueEmail(tx, {
    to: email,
    subject: `Confirm that you want to follow: ${target.title}`,
    body: [
      `Someone (we hope you) asked to get an e-mail when this ${FOLLOW_TYPE_LABELS[target.type]} changes:`,
      `${target.title}`,
      `${site}${target.path}`,
      "",
      `To confirm, open this link within 7 days: ${site}/follow/confirm/${confirm}`,
      "",
      "If you did not ask for this, ignore this e-mail: nothing will be sent.",
    ].join("\n"),
  });
}

export type ConfirmCheck =
  | { ok: true; subscription: typeof subscriptions.$inferSelect }
  | { ok: false; reason: "invalid" | "used" | "expired" };

export async function checkConfirmToken(executor: Executor, token: string, now = new Date()): Promise<ConfirmCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "invalid" };
  const [row] = await executor.select().from(subscriptions).where(eq(subscriptions.confirmTokenHash, sha256(token)));
  if (!row) return { ok: false, reason: "invalid" };
  if (row.confirmedAt || row.unsubscribedAt) return { ok: false, reason: "used" };
  if (!row.confirmExpiresAt || row.confirmExpiresAt < now) return { ok: false, reason: "expired" };
  return { ok: true, subscription: row };
}

export async function confirmSubscription(tx: Executor, token: string, ipAddress: string | null = null): Promise<ConfirmCheck> {
  const check = await checkConfirmToken(tx, token);
  if (!check.ok) return check;
  const [row] = await tx
    .update(subscriptions)
    .set({ confirmedAt: new Date() })
    .where(and(eq(subscriptions.id, check.subscription.id), isNull(subscriptions.confirmedAt)))
    .returning();
  if (!row) return { ok: false, reason: "used" };
  await recordAudit(tx, {
    userId: null,
    action: "confirm",
    entityType: "subscription",
    entityId: row.id,
    before: { confirmedAt: null },
    after: { confirmedAt: row.confirmedAt },
    ipAddress,
  });
  return { ok: true, subscription: row };
}

/**
 * Stops a subscription; false when it had already stopped (nothing changes, nothing
 * is logged). `via` says how, for the audit log: the one-click POST of a mail
 * program ("one_click"), the button on the e-mail's link ("link"), or a list page.
 */
export async function unsubscribe(
  tx: Executor,
  subscriptionId: string,
  actor: { userId: string | null; ipAddress?: string | null },
  via: "one_click" | "link" | "list" = "list",
) {
  const [row] = await tx
    .update(subscriptions)
    .set({ unsubscribedAt: new Date() })
    .where(and(eq(subscriptions.id, subscriptionId), isNull(subscriptions.unsubscribedAt)))
    .returning();
  if (!row) return false;
  await recordAudit(tx, {
    userId: actor.userId,
    action: "unsubscribe",
    entityType: "subscription",
    entityId: row.id,
    before: { unsubscribedAt: null },
    after: { unsubscribedAt: row.unsubscribedAt, via },
    ipAddress: actor.ipAddress,
  });
  return true;
}

/** What an address follows (confirmed, not stopped), a page at a time, each with its current title. */
export async function listFollowing(
  viewer: Viewer,
  filter: { email: string } | { userId: string; email: string },
  options: { page: number; pageSize?: number } = { page: 1 },
) {
  const who =
    "userId" in filter
      ? or(eq(subscriptions.userId, filter.userId), eq(subscriptions.email, filter.email.toLowerCase()))
      : eq(subscriptions.email, filter.email.toLowerCase());
  const where = and(who, isNotNull(subscriptions.confirmedAt), isNull(subscriptions.unsubscribedAt));
  const size = options.pageSize ?? PAGE_SIZE;
  const [{ total }] = await db().select({ total: count() }).from(subscriptions).where(where);
  const rows = await db()
    .select()
    .from(subscriptions)
    .where(where)
    .orderBy(desc(subscriptions.createdAt), asc(subscriptions.id))
    .limit(size)
    .offset((options.page - 1) * size);
  const items: { id: string; type: FollowTargetType; typeLabel: string; title: string; path: string | null }[] = [];
  for (const r of rows) {
    const target = await findFollowTarget(viewer, r.targetType, r.targetId);
    items.push({
      id: r.id,
      type: r.targetType,
      typeLabel: FOLLOW_TYPE_LABELS[r.targetType],
      title: target?.title ?? `A ${FOLLOW_TYPE_LABELS[r.targetType]} that is no longer public`,
      path: target?.path ?? null,
    });
  }
  return { total, items };
}

/** Whether the subscription is one of this follower's live ones. */
export async function isOwnSubscription(filter: { email: string } | { userId: string; email: string }, subscriptionId: string) {
  if (!isUuid(subscriptionId)) return false;
  const who =
    "userId" in filter
      ? or(eq(subscriptions.userId, filter.userId), eq(subscriptions.email, filter.email.toLowerCase()))
      : eq(subscriptions.email, filter.email.toLowerCase());
  const [row] = await db()
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), who, isNull(subscriptions.unsubscribedAt)));
  return Boolean(row);
}
