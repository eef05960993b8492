/**
 * Sign-in throttling, by account (e-mail address, whether or not an account has
 * it), by account and client address together, and by client address. The
 * counters live in the `sign_in_attempts` table, never in memory, so every app
 * server sees the same ones.
 *
 * Within a window of 15 minutes:
 * - an account's failures, from any client, only slow each answer (from the 3rd
 *   failure, up to 4 seconds): they never refuse it, so nobody can lock another
 *   person out by typing wrong passwords for their address (issue #22 item 9);
 * - one client's failures for one account: at 10, that client is refused that
 *   account for 15 minutes, whatever the password (a client that has not failed
 *   is only slowed);
 * - one client's failures for any accounts: slowed from the 10th, refused at 50.
 * A successful sign-in or password reset clears the account's counts.
 */
import { eq, inArray, or, sql } from "drizzle-orm";
import { rateLimits, signInAttempts } from "../../db/schema";
import { db, type Executor } from "../db.server";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

interface Policy {
  slowAfter: number;
  lockAt: number;
}

const POLICIES: Record<ThrottleKey["kind"], Policy> = {
  email: { slowAfter: 2, lockAt: Number.POSITIVE_INFINITY },
  pair: { slowAfter: 2, lockAt: 10 },
  ip: { slowAfter: 9, lockAt: 50 },
};

const MAX_DELAY_MS = 4_000;

export interface ThrottleKey {
  kind: "email" | "pair" | "ip";
  value: string;
}

export function throttleKeys(email: string, ipAddress: string | null | undefined): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const client = ipAddress || "unknown";
  return [
    { kind: "email", value: account },
    { kind: "pair", value: `${account}|${client}` },
    { kind: "ip", value: client },
  ];
}

const keyString = (key: ThrottleKey) => `${key.kind}:${key.value}`.slice(0, 400);

export type ThrottleState = { locked: true; until: Date } | { locked: false; delayMs: number };

/** Whether the next attempt is refused, and if not how long to hold the answer back. */
export async function checkThrottle(keys: ThrottleKey[], now: Date, executor: Executor = db()): Promise<ThrottleState> {
  const rows = await executor
    .select()
    .from(signInAttempts)
    .where(inArray(signInAttempts.key, keys.map(keyString)));
  let delayMs = 0;
  for (const key of keys) {
    const row = rows.find((r) => r.key === keyString(key));
    if (!row) continue;
    if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime()) return { locked: true, until: row.lockedUntil };
    if (now.getTime() - row.firstFailureAt.getTime() >= THROTTLE_WINDOW_MS) continue;
    const over = row.failures - POLICIES[key.kind].slowAfter;
    if (over > 0) delayMs = Math.max(delayMs, Math.min(MAX_DELAY_MS, 250 * 2 ** (over - 1)));
  }
  return { locked: false, delayMs };
}

/** Counts one failure against each key; returns the lock, if this failure caused one. */
export async function recordFailure(keys: ThrottleKey[], now: Date, executor: Executor = db()): Promise<Date | null> {
  let lockedUntil: Date | null = null;
  const windowStart = sql`${new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  for (const key of keys) {
    const { lockAt } = POLICIES[key.kind];
    const lockEnd = new Date(now.getTime() + LOCK_MS);
    const k = keyString(key);
    // One statement, so two servers counting at once never lose a failure.
    const [row] = await executor
      .insert(signInAttempts)
      .values({ key: k, failures: 1, firstFailureAt: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: signInAttempts.key,
        set: {
          failures: sql`case when ${signInAttempts.firstFailureAt} > ${windowStart} then ${signInAttempts.failures} + 1 else 1 end`,
          firstFailureAt: sql`case when ${signInAttempts.firstFailureAt} > ${windowStart} then ${signInAttempts.firstFailureAt} else ${at} end`,
        },
      })
      .returning();
    if (row.failures >= lockAt) {
      // Locked: the count starts again when the lock ends.
      await executor
        .update(signInAttempts)
        .set({ lockedUntil: lockEnd, failures: 0, firstFailureAt: lockEnd })
        .where(eq(signInAttempts.key, k));
      lockedUntil = lockEnd;
    }
  }
  return lockedUntil;
}

/**
 * A successful sign-in or password reset clears the account's counts, from every
 * client (not a client address's own count, which spans accounts).
 */
export async function clearFailures(email: string, executor: Executor = db()) {
  const account = email.trim().toLowerCase();
  const pairPrefix = keyString({ kind: "pair", value: `${account}|` });
  await executor
    .delete(signInAttempts)
    .where(
      or(
        eq(signInAttempts.key, keyString({ kind: "email", value: account })),
        sql`left(${signInAttempts.key}, ${pairPrefix.length}) = ${pairPrefix}`,
      ),
    );
}

/**
 * Counts one use of `key` in its fixed window in the `rate_limits` table, shared
 * by every app server (one upsert): the uses so far in this window, and when the
 * window began. The API's limit and `takeAllowance` both count with it.
 */
export async function countInWindow(key: string, windowMs: number, now: Date, executor: Executor = db()) {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await executor
    .insert(rateLimits)
    .values({ key: key.slice(0, 400), windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
  return { count: row.count, windowStart };
}

/**
 * A fixed-window allowance: counts one use of `key` and says whether it is
 * within `limit` uses per window. Used where the answer must not change
 * (following by e-mail: over the limit, nothing is sent, and the page says the same).
 */
export async function takeAllowance(
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
  executor: Executor = db(),
): Promise<boolean> {
  const { count } = await countInWindow(key, windowMs, now, executor);
  return count <= limit;
}
