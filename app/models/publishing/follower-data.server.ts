/**
 * Everything the portal holds about one follower's e-mail address (issue #20 item 6;
 * docs/decisions/031-peoples-data-and-retention.md), reached from the manage link in each
 * e-mail: to see it, download it (JSON) and delete it.
 *
 * What is held: the address; each follow (what, when asked, confirmed, stopped); each e-mail
 * the outbox has for the address (subject, text with its links' tokens hidden, when queued
 * and sent); the counters that limit follow e-mails to the address. Deleting removes all of
 * these and records the deletion in the audit log by counts only, never the address. The
 * audit log's entries about the follows (what was followed, when, from which network
 * address) stay: it is append-only, and they do not hold the address.
 */
import { eq, inArray } from "drizzle-orm";
import { outbox, rateLimits, subscriptions } from "../../../db/schema/publishing";
import { db, type Executor } from "../../db.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import { recordAudit } from "../records";
import { findFollowTarget, FOLLOW_TYPE_LABELS } from "./follow-targets.server";
import { maskTokens } from "./outbox.server";

export interface FollowerData {
  email: string;
  follows: {
    id: string;
    kind: string;
    title: string;
    path: string | null;
    askedAt: string;
    confirmedAt: string | null;
    stoppedAt: string | null;
  }[];
  emails: { id: string; subject: string; text: string; queuedAt: string; sentAt: string | null }[];
}

/** The rate-limit counters keyed by the address (app/models/publishing/follow.server.ts). */
const addressCounterKeys = (email: string) => [`follow-email:${email}`];

export async function followerData(executor: Executor, emailAddress: string): Promise<FollowerData> {
  const email = emailAddress.toLowerCase();
  const subs = await executor.select().from(subscriptions).where(eq(subscriptions.email, email)).orderBy(subscriptions.createdAt, subscriptions.id);
  const follows: FollowerData["follows"] = [];
  for (const s of subs) {
    const target = await findFollowTarget(PUBLIC_VIEWER, s.targetType, s.targetId);
    follows.push({
      id: s.id,
      kind: FOLLOW_TYPE_LABELS[s.targetType],
      title: target?.title ?? `A ${FOLLOW_TYPE_LABELS[s.targetType]} that is no longer public`,
      path: target?.path ?? null,
      askedAt: s.createdAt.toISOString(),
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      stoppedAt: s.unsubscribedAt?.toISOString() ?? null,
    });
  }
  const mails = await executor.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(outbox.createdAt, outbox.id);
  return {
    email,
    follows,
    emails: mails.map((m) => ({
      id: m.id,
      subject: m.subject,
      text: maskTokens(m.body),
      queuedAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The follower's data for them to keep; the audit log notes that it was taken (counts only).
 * Read outside the audit's transaction: the titles come from the public reads, which use
 * their own connection (on the embedded database, one waiting on the other would hang).
 */
export async function downloadFollowerData(
  emailAddress: string,
  actor: { userId: string | null; ipAddress?: string | null },
): Promise<FollowerData & { madeAt: string; about: string }> {
  const data = await followerData(db(), emailAddress);
  await db().transaction((tx) =>
    recordAudit(tx, {
      userId: actor.userId,
      action: "download",
      entityType: "follower_data",
      entityId: null,
      after: { follows: data.follows.map((f) => f.id), emails: data.emails.length },
      ipAddress: actor.ipAddress,
    }),
  );
  return {
    about: "Everything this portal holds about this e-mail address: what it follows and the e-mails to it (their links hidden). See /privacy.",
    madeAt: new Date().toISOString(),
    ...data,
  };
}

/**
 * Deletes everything the portal holds about the address: its follows, the e-mails to it
 * in the outbox, its counters. Once done, no link in any e-mail to it works.
 */
export async function eraseFollowerData(
  tx: Executor,
  emailAddress: string,
  actor: { userId: string | null; ipAddress?: string | null },
): Promise<{ follows: number; emails: number }> {
  const email = emailAddress.toLowerCase();
  const follows = await tx.delete(subscriptions).where(eq(subscriptions.email, email)).returning({ id: subscriptions.id });
  const emails = await tx.delete(outbox).where(eq(outbox.toAddress, email)).returning({ id: outbox.id });
  await tx.delete(rateLimits).where(inArray(rateLimits.key, addressCounterKeys(email)));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "erase",
    entityType: "follower_data",
    entityId: null,
    // Which follows went (their ids tie up with their own audit entries), never the address.
    after: { follows: follows.map((f) => f.id), emails: emails.length },
    ipAddress: actor.ipAddress,
  });
  return { follows: follows.length, emails: emails.length };
}
