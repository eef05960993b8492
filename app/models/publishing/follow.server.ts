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
 *   twice, or on two servers at once, sends nothing twice.
 */
import crypto from "node:crypto";
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import {
  actionPriorities,
  actions,
  agendaItems,
  auditLog,
  bodies,
  FOLLOW_TARGET_TYPES,
  meetings,
  outbox,
  priorities,
  questionPriorities,
  questions,
  settings,
  subscriptions,
} from "../../../db/schema";
import { takeAllowance } from "../../auth/throttle.server";
import { db, type Executor } from "../../db.server";
import { PUBLIC_VIEWER, type Viewer } from "../../rules/viewer.server";
import { actionVisible, meetingVisible, questionVisible } from "../../rules/visibility.server";
import { describeError } from "../../utils/error-log";
import { PAGE_SIZE } from "../../utils/http.server";
import { siteUrl } from "../../utils/site-url.server";
import { recordAudit } from "../records";
import { queueEmail } from "./outbox.server";
import { isUuid } from "../../utils/uuid";

export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];
export const CONFIRM_LIFETIME_MS = 7 * 24 * 3_600_000;
export const NOTIFY_LOCK_ID = 7_301_992;
const CURSOR_KEY = "notify.cursor";
const SECRET_KEY = "follow.secret";

export const FOLLOW_TYPE_LABELS: Record<FollowTargetType, string> = {
  body: "board or committee",
  meeting: "meeting",
  question: "question",
  action: "action",
  priority: "priority",
};

export function isFollowTargetType(value: unknown): value is FollowTargetType {
  return typeof value === "string" && (FOLLOW_TARGET_TYPES as readonly string[]).includes(value);
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export interface FollowTarget {
  type: FollowTargetType;
  id: string;
  title: string;
  path: string;
}

function short(text: string, n = 90) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

/** The thing to follow, if it exists and the viewer may see it. */
export async function findFollowTarget(
  viewer: Viewer,
  type: string,
  id: string,
  executor: Executor = db(),
): Promise<FollowTarget | null> {
  if (!isFollowTargetType(type) || !isUuid(id)) return null;
  switch (type) {
    case "body": {
      const [b] = await executor.select().from(bodies).where(eq(bodies.id, id));
      return b ? { type, id, title: b.name, path: `/bodies/${b.slug}` } : null;
    }
    case "meeting": {
      const [m] = await executor
        .select({ title: meetings.title, slug: meetings.slug, body: bodies.name })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(meetings.id, id), meetingVisible(viewer)));
      return m ? { type, id, title: `${m.body}: ${m.title}`, path: `/meetings/${m.slug}` } : null;
    }
    case "question": {
      const [q] = await executor
        .select({ text: questions.text })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(questions.id, id), questionVisible(viewer)));
      return q ? { type, id, title: short(q.text), path: `/questions/${id}` } : null;
    }
    case "action": {
      const [a] = await executor
        .select({ description: actions.description, reference: actions.reference })
        .from(actions)
        .where(and(eq(actions.id, id), actionVisible(viewer)));
      return a ? { type, id, title: short(`${a.reference ? `${a.reference}: ` : ""}${a.description}`), path: `/actions/${id}` } : null;
    }
    case "priority": {
      const [p] = await executor.select().from(priorities).where(eq(priorities.id, id));
      return p ? { type, id, title: p.title, path: `/priorities/${p.slug}` } : null;
    }
  }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

async function siteSecret(tx: Executor): Promise<string> {
  const fresh = crypto.randomBytes(32).toString("hex");
  await tx.insert(settings).values({ key: SECRET_KEY, value: fresh }).onConflictDoNothing({ target: settings.key });
  const [row] = await tx.select().from(settings).where(eq(settings.key, SECRET_KEY));
  return String(row.value);
}

/**
 * The unsubscribe (and manage) token of one subscription: recomputable for each
 * e-mail, stored only as a hash. Version 0 is the HMAC of the id alone, as every
 * link sent before tokens could be rotated; a rotated token adds its version, and
 * the one before stops working (docs/decisions/013-follow-tokens-per-subscription.md).
 */
export async function unsubscribeToken(tx: Executor, subscriptionId: string, version = 0): Promise<string> {
  const mac = crypto
    .createHmac("sha256", await siteSecret(tx))
    .update(version === 0 ? subscriptionId : `${subscriptionId}:${version}`)
    .digest("base64url");
  return `${subscriptionId}.${mac}`;
}

/** Gives a subscription a new token: the link that carried the old one stops working. */
export async function rotateToken(
  tx: Executor,
  subscription: { id: string; tokenVersion: number },
  actor: { userId: string | null; ipAddress?: string | null },
): Promise<string> {
  const version = subscription.tokenVersion + 1;
  const token = await unsubscribeToken(tx, subscription.id, version);
  await tx.update(subscriptions).set({ tokenVersion: version, unsubscribeTokenHash: sha256(token) }).where(eq(subscriptions.id, subscription.id));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "rotate_token",
    entityType: "subscription",
    entityId: subscription.id,
    before: { tokenVersion: subscription.tokenVersion },
    after: { tokenVersion: version },
    ipAddress: actor.ipAddress,
  });
  return token;
}

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

/** The unsubscribe link in an e-mail's body and headers. */
export function unsubscribeLink(site: string, token: string): string {
  return `${site.replace(/\/+$/, "")}/follow/unsubscribe/${token}`;
}

/** The RFC 8058 headers: the mail program's own "Unsubscribe" button POSTs to the link. */
export function unsubscribeHeaders(site: string, token: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeLink(site, token)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** The lines that end every e-mail to a follower: what the links do. */
function stopLines(site: string, token: string): string[] {
  return [
    `To stop these e-mails, open this link and press “Unsubscribe” (opening it alone changes nothing): ${unsubscribeLink(site, token)}`,
    "Your e-mail program may also offer its own “Unsubscribe” button: it stops them in one click.",
    `See everything you follow: ${site}/follow/manage/${token}`,
  ];
}

/** How long after its own subscription stopped a link still opens the manage page. */
export const MANAGE_AFTER_STOP_MS = 30 * 24 * 3_600_000;

/**
 * The subscription whose link opens the manage page: its token must be live, and
 * if that subscription has stopped, not for more than 30 days (the unsubscribe
 * page of the same link keeps working, for RFC 8058).
 */
export async function findByManageToken(executor: Executor, token: string, now = new Date()) {
  const sub = await findByUnsubscribeToken(executor, token);
  if (!sub || !sub.confirmedAt) return null;
  if (sub.unsubscribedAt && now.getTime() - sub.unsubscribedAt.getTime() > MANAGE_AFTER_STOP_MS) return null;
  return sub;
}

export async function findByUnsubscribeToken(executor: Executor, token: string) {
  if (!/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await executor.select().from(subscriptions).where(eq(subscriptions.unsubscribeTokenHash, sha256(token)));
  return row ?? null;
}

// ---------------------------------------------------------------------------
// Following and unfollowing
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Notifications, derived from the audit log
// ---------------------------------------------------------------------------

/** The audit actions (a contract with the other features) that followers hear about. */
export const NOTIFY_EVENTS: Record<string, Record<string, string>> = {
  meeting: {
    publish_agenda: "Agenda published",
    publish_supplementary: "Supplementary agenda published",
    publish_minutes: "Minutes published",
    approve_minutes: "Minutes approved",
    cancel: "Meeting cancelled",
    postpone: "Meeting postponed",
  },
  question: { respond: "Response posted", correct_response: "Response corrected" },
  action: { complete: "Action completed" },
};

interface Followed {
  /** What the e-mail is about (always public, checked with the public Viewer). */
  target: FollowTarget;
  /** Every (type, id) whose followers hear of it. */
  keys: { type: FollowTargetType; id: string }[];
}

async function followedFor(tx: Executor, entityType: string, entityId: string): Promise<Followed | null> {
  if (entityType === "meeting") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "meeting", entityId, tx);
    if (!target) return null;
    const [m] = await tx.select({ bodyId: meetings.bodyId }).from(meetings).where(eq(meetings.id, entityId));
    return { target, keys: [{ type: "meeting", id: entityId }, { type: "body", id: m.bodyId }] };
  }
  if (entityType === "question") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "question", entityId, tx);
    if (!target) return null;
    const [q] = await tx
      .select({ meetingId: meetings.id, bodyId: meetings.bodyId })
      .from(questions)
      .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(eq(questions.id, entityId));
    const ps = await tx.select({ id: questionPriorities.priorityId }).from(questionPriorities).where(eq(questionPriorities.questionId, entityId));
    return {
      target,
      keys: [
        { type: "question", id: entityId },
        { type: "meeting", id: q.meetingId },
        { type: "body", id: q.bodyId },
        ...ps.map((p) => ({ type: "priority" as const, id: p.id })),
      ],
    };
  }
  if (entityType === "action") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "action", entityId, tx);
    if (!target) return null;
    const [a] = await tx.select({ questionId: actions.questionId }).from(actions).where(eq(actions.id, entityId));
    const ps = await tx.select({ id: actionPriorities.priorityId }).from(actionPriorities).where(eq(actionPriorities.actionId, entityId));
    return {
      target,
      keys: [
        { type: "action", id: entityId },
        ...(a.questionId ? [{ type: "question" as const, id: a.questionId }] : []),
        ...ps.map((p) => ({ type: "priority" as const, id: p.id })),
      ],
    };
  }
  return null;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Queues an e-mail to each follower of each change recorded in the audit log
 * since the last run. Returns how many were queued, or null when another
 * server holds the lock.
 */
export async function deliverFollowerNotifications(options: { site: string; batch?: number }): Promise<number | null> {
  const site = options.site.replace(/\/+$/, "");
  return db().transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${NOTIFY_LOCK_ID}) as locked`));
    if (!lock?.locked) return null;
    const [cursorRow] = await tx.select().from(settings).where(eq(settings.key, CURSOR_KEY));
    const cursor = cursorRow ? Number(cursorRow.value) : 0;
    const pairs = Object.entries(NOTIFY_EVENTS).flatMap(([type, acts]) =>
      Object.keys(acts).map((a) => and(eq(auditLog.entityType, type), eq(auditLog.action, a))),
    );
    const batch = options.batch ?? 500;
    const events = await tx
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, cursor), or(...pairs)))
      .orderBy(asc(auditLog.id))
      .limit(batch);
    let newCursor: number;
    if (events.length === batch) newCursor = events[events.length - 1].id;
    else {
      const [{ max }] = rowsOf<{ max: string | number | null }>(await tx.execute(sql`select max(id) as max from audit_log`));
      newCursor = Math.max(cursor, Number(max ?? 0));
    }
    let queued = 0;
    for (const event of events) {
      if (!event.entityId || !isUuid(event.entityId)) continue;
      const followed = await followedFor(tx, event.entityType, event.entityId);
      if (!followed) continue; // not public (a draft, or exempt): nobody is told
      const subs = await tx
        .select()
        .from(subscriptions)
        .where(
          and(
            or(...followed.keys.map((k) => and(eq(subscriptions.targetType, k.type), eq(subscriptions.targetId, k.id)))),
            isNotNull(subscriptions.confirmedAt),
            isNull(subscriptions.unsubscribedAt),
            lte(subscriptions.confirmedAt, event.at),
          ),
        )
        .orderBy(asc(subscriptions.createdAt));
      const seen = new Set<string>();
      const what = NOTIFY_EVENTS[event.entityType][event.action];
      for (const sub of subs) {
        if (seen.has(sub.email)) continue;
        seen.add(sub.email);
        const token = await unsubscribeToken(tx, sub.id, sub.tokenVersion);
        const followedTarget =
          sub.targetType === followed.target.type && sub.targetId === followed.target.id
            ? followed.target
            : await findFollowTarget(PUBLIC_VIEWER, sub.targetType, sub.targetId, tx);
        const row = await queueEmail(tx, {
          to: sub.email,
          subject: `${what}: ${followed.target.title}`,
          body: [
            `${what}: ${followed.target.title}`,
            `${site}${followed.target.path}`,
            "",
            `You get this e-mail because you follow ${followedTarget ? `the ${FOLLOW_TYPE_LABELS[sub.targetType]} “${followedTarget.title}”` : `a ${FOLLOW_TYPE_LABELS[sub.targetType]}`}.`,
            ...stopLines(site, token),
          ].join("\n"),
          headers: unsubscribeHeaders(site, token),
          dedupeKey: `follow:${sub.id}:${event.id}`,
        });
        if (row) queued += 1;
      }
    }
    await tx
      .insert(settings)
      .values({ key: CURSOR_KEY, value: newCursor })
      .onConflictDoUpdate({ target: settings.key, set: { value: newCursor, updatedAt: new Date() } });
    return queued;
  });
}

/** For the periodic run in each app server: errors are logged, never thrown. */
export async function deliverFollowerNotificationsQuietly(site: string) {
  try {
    await deliverFollowerNotifications({ site });
  } catch (error) {
    console.warn(`[notify] follower notifications failed: ${describeError(error)}`);
  }
}


/** The site's address for links in e-mails sent outside a request: SITE_URL, else this server. */
export function configuredSiteUrl(): string {
  return siteUrl();
}

let timer: NodeJS.Timeout | null = null;
/** Each app server runs the notifier every minute (the advisory lock lets one at a time work). */
export function startFollowerNotifier(intervalMs = 60_000) {
  if (timer) return;
  timer = setInterval(async () => {
    try {
      const queued = await deliverFollowerNotifications({ site: configuredSiteUrl() });
      if (queued) {
        const { sendPendingEmailsQuietly } = await import("./outbox.server");
        await sendPendingEmailsQuietly();
      }
    } catch (error) {
      console.warn(`[notify] follower notifications failed: ${describeError(error)}`);
    }
  }, intervalMs);
  timer.unref();
}
