/**
 * One-time links (invitation, password reset) and passwords: a link's token is
 * stored hashed and works once; setting a password ends the account's sessions.
 * Every write records an audit row in the same transaction; password hashes and
 * tokens are never logged.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { oneTimeTokens, users } from "../../../db/schema/people";
import { now as clockNow } from "../../auth/clock.server";
import { invalidateUserSessions } from "../../auth/lucia.server";
import { hashPassword } from "../../auth/password.server";
import { clearFailures } from "../../auth/throttle.server";
import { ROLE_LABELS } from "../../auth/permissions";
import { type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { recordAudit } from "../records";
import { emailQueued, queueEmail } from "../publishing";
import { createUser, findUserByEmail, type Actor, type NewUser, type UserRow } from "./users.server";

export type TokenPurpose = "invite" | "password_reset";

export const INVITE_LIFETIME_MS = 7 * 24 * 3_600_000;
export const RESET_LIFETIME_MS = 3_600_000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a one-time link token (stored hashed; the token itself goes only in the
 * e-mail). Earlier unused tokens for the same purpose stop working.
 */
export async function issueToken(tx: Executor, actor: Actor, userId: string, purpose: TokenPurpose): Promise<string> {
  const at = clockNow();
  const token = randomBytes(32).toString("base64url");
  await tx
    .update(oneTimeTokens)
    .set({ expiresAt: at })
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, at),
      ),
    );
  const lifetime = purpose === "invite" ? INVITE_LIFETIME_MS : RESET_LIFETIME_MS;
  const [row] = await tx
    .insert(oneTimeTokens)
    .values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(at.getTime() + lifetime), createdAt: at })
    .returning();
  await recordAudit(tx, {
    ...actor,
    action: purpose === "invite" ? "issue_invite" : "issue_password_reset",
    entityType: "user",
    entityId: userId,
    after: { tokenId: row.id, purpose, expiresAt: row.expiresAt },
  });
  return token;
}

export type TokenCheck =
  | { ok: true; tokenId: string; user: UserRow }
  | { ok: false; reason: "unknown" | "used" | "expired" | "disabled" };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Whether a link's token can still be used. */
export async function checkToken(executor: Executor, token: string, purpose: TokenPurpose): Promise<TokenCheck> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await executor
    .select({ token: oneTimeTokens, user: users })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.purpose, purpose)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.token.usedAt) return { ok: false, reason: "used" };
  if (row.token.expiresAt.getTime() <= clockNow().getTime()) return { ok: false, reason: "expired" };
  if (row.user.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, tokenId: row.token.id, user: row.user };
}

/**
 * Uses a token to set a password. The token is marked used in the same statement
 * that checks it is unused, so a link works once even when posted twice at once.
 * Every session of the account ends.
 */
export async function redeemToken(
  tx: Executor,
  actor: Omit<Actor, "userId">,
  token: string,
  purpose: TokenPurpose,
  password: string,
): Promise<TokenCheck> {
  const check = await checkToken(tx, token, purpose);
  if (!check.ok) return check;
  const at = clockNow();
  const [claimed] = await tx
    .update(oneTimeTokens)
    .set({ usedAt: at })
    .where(and(eq(oneTimeTokens.id, check.tokenId), isNull(oneTimeTokens.usedAt)))
    .returning();
  if (!claimed) return { ok: false, reason: "used" };
  const user = await setPassword(tx, { ...actor, userId: check.user.id }, check.user.id, password, {
    action: purpose === "invite" ? "accept_invite" : "reset_password",
  });
  // The person proved they hold the address: earlier wrong passwords no longer count.
  await clearFailures(user.email, tx);
  return { ok: true, tokenId: check.tokenId, user };
}

/**
 * Sets a user's password and ends their sessions: all of them, or all but the
 * one the person is using (`keepSessionId`, for a change from the account page).
 */
export async function setPassword(
  tx: Executor,
  actor: Actor,
  userId: string,
  password: string,
  options: { keepSessionId?: string; action?: string } = {},
): Promise<UserRow> {
  const passwordHash = await hashPassword(password);
  const at = clockNow();
  const [user] = await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: at, updatedAt: at })
    .where(eq(users.id, userId))
    .returning();
  await invalidateUserSessions(userId, { exceptSessionId: options.keepSessionId, executor: tx });
  await recordAudit(tx, {
    ...actor,
    action: options.action ?? "change_password",
    entityType: "user",
    entityId: userId,
    after: { passwordChangedAt: at, otherSessionsEnded: true },
  });
  return user;
}

function siteName() {
  return getEnv().SITE_NAME;
}

/** Invites a person: creates the account without a password and e-mails a 7-day link. */
export async function inviteUser(
  tx: Executor,
  actor: Actor,
  input: Omit<NewUser, "passwordHash" | "isDemo">,
  siteUrl: string,
): Promise<{ user: UserRow; link: string }> {
  const user = await createUser(tx, actor, input);
  const token = await issueToken(tx, actor, user.id, "invite");
  const link = `${siteUrl.replace(/\/$/, "")}/invite/${token}`;
  await queueEmail(
    tx,
    {
      to: user.email,
      subject: `You have been invited to the ${siteName()}`,
      body: [
        `Hello ${user.name},`,
        "",
        `You have been given an account on the ${siteName()} as ${ROLE_LABELS[user.role].toLowerCase()}.`,
        "",
        "Choose your password using this link. It works once, for 7 days:",
        link,
        "",
        "If you were not expecting this email, you can ignore it.",
      ].join("\n"),
    },
    actor,
  );
  return { user, link };
}

/**
 * "Forgot password": e-mails a 1-hour reset link if an enabled account has this
 * address. The answer to the person is the same either way (no enumeration).
 * At most one reset e-mail per account per minute.
 */
export async function requestPasswordReset(
  tx: Executor,
  actor: Omit<Actor, "userId">,
  email: string,
  siteUrl: string,
): Promise<void> {
  const user = await findUserByEmail(tx, email);
  if (!user || user.disabledAt) return;
  const dedupeKey = `password-reset:${user.id}:${Math.floor(clockNow().getTime() / 60_000)}`;
  // Asked again within the minute: the link already sent stays the one that works.
  if (await emailQueued(tx, dedupeKey)) return;
  const token = await issueToken(tx, { ...actor, userId: null }, user.id, "password_reset");
  const link = `${siteUrl.replace(/\/$/, "")}/reset-password/${token}`;
  await queueEmail(
    tx,
    {
      to: user.email,
      subject: `Reset your password for the ${siteName()}`,
      body: [
        `Hello ${user.name},`,
        "",
        "Someone asked to reset the password of your account. If it was you, choose a new password using this link. It works once, for 1 hour:",
        link,
        "",
        "If it was not you, you can ignore this email: your password has not changed.",
      ].join("\n"),
      dedupeKey,
    },
    { ...actor, userId: null },
  );
}
