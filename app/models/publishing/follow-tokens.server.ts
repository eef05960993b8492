/**
 * The tokens of follow by e-mail (see follow.server.ts): the per-subscription unsubscribe and
 * manage token, its rotation, the links and RFC 8058 headers that carry it, and finding by it.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { subscriptions } from "../../../db/schema/publishing";
import { type Executor } from "../../db.server";
import { keptSetting, recordAudit } from "../records";

const SECRET_KEY = "follow.secret";

export const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

async function siteSecret(tx: Executor): Promise<string> {
  return keptSetting(tx, SECRET_KEY, crypto.randomBytes(32).toString("hex"));
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
export function stopLines(site: string, token: string): string[] {
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
