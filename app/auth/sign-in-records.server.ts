/**
 * Removes sign-in records past their time (docs/decisions/031-peoples-data-and-retention.md):
 * sessions that have expired (they hold the network address and browser of a sign-in),
 * sign-in failure counts not touched since the cut-off and not locking anyone out now,
 * one-time links (invitations, password resets) used or expired before the cut-off, and
 * request counters whose window ended more than a day ago (they are keyed by network
 * address or e-mail address). What is still in use is never removed.
 */
import { and, isNotNull, isNull, lt, lte, or } from "drizzle-orm";
import { oneTimeTokens, rateLimits, sessions, signInAttempts } from "../../db/schema";
import { type Executor } from "../db.server";

/** Request counters' longest window is a day (follow e-mails per address); kept a day beyond it. */
const COUNTER_KEEP_MS = 2 * 24 * 3_600_000;

export async function deleteOldSignInRecords(executor: Executor, options: { cutoff: Date; now: Date }) {
  const { cutoff, now } = options;
  const expiredSessions = await executor
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), lte(sessions.absoluteExpiresAt, now), lt(sessions.createdAt, cutoff)))
    .returning({ id: sessions.id });
  const attempts = await executor
    .delete(signInAttempts)
    .where(and(lt(signInAttempts.firstFailureAt, cutoff), or(isNull(signInAttempts.lockedUntil), lt(signInAttempts.lockedUntil, now))))
    .returning({ key: signInAttempts.key });
  const links = await executor
    .delete(oneTimeTokens)
    .where(and(lt(oneTimeTokens.createdAt, cutoff), or(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.expiresAt, now))))
    .returning({ id: oneTimeTokens.id });
  const counters = await executor
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - COUNTER_KEEP_MS)))
    .returning({ key: rateLimits.key });
  return { sessions: expiredSessions.length, signInFailures: attempts.length, oneTimeLinks: links.length, counters: counters.length };
}
