/**
 * Checking a sign-in. Every failure reads "email or password is incorrect",
 * whether or not the account exists, and takes the same time (an unknown
 * address is checked against a dummy hash); throttling counts the address
 * typed, whether or not it has an account, so a lock tells nothing either.
 */
import { db } from "../../db.server";
import { recordAudit } from "../records";
import { findUserByEmail, normaliseEmail, type UserRow } from "./users.server";
import { now as clockNow } from "../../auth/clock.server";
import { verifyAgainstDummy, verifyPassword } from "../../auth/password.server";
import { checkThrottle, clearFailures, recordFailure, throttleKeys } from "../../auth/throttle.server";

export type SignInResult =
  | { kind: "ok"; user: UserRow }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date }
  | { kind: "disabled" };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function attemptSignIn(input: {
  email: string;
  password: string;
  ipAddress: string | null;
  /** How the answer is held back when throttled (tests record it instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
}): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const keys = throttleKeys(email, input.ipAddress);
  const state = await checkThrottle(keys, clockNow());
  if (state.locked) return { kind: "locked", until: state.until };
  if (state.delayMs > 0) await (input.sleep ?? realSleep)(state.delayMs);

  const user = await findUserByEmail(db(), email);
  const ok =
    user && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!ok || !user) {
    const lockedUntil = await recordFailure(keys, clockNow());
    if (user) {
      await recordAudit(db(), {
        userId: null,
        action: "sign_in_failed",
        entityType: "user",
        entityId: user.id,
        after: { locked: lockedUntil !== null },
        ipAddress: input.ipAddress,
      });
    }
    return lockedUntil ? { kind: "locked", until: lockedUntil } : { kind: "invalid" };
  }
  if (user.disabledAt) return { kind: "disabled" };
  await clearFailures(email);
  return { kind: "ok", user };
}

/**
 * Records a sign-in (after the session is created): `sign_in` once signed in, with
 * how the second step was passed if there was one; `sign_in_started` when the
 * password was right and the second step or enrolment comes next.
 */
export async function recordSignIn(
  user: Pick<UserRow, "id">,
  meta: {
    ipAddress: string | null;
    sessionHandle: string;
    stage?: "signed_in" | "second_step" | "enrolment";
    secondStep?: "code" | "recovery_code";
  },
) {
  const stage = meta.stage ?? "signed_in";
  await recordAudit(db(), {
    userId: user.id,
    action: stage === "signed_in" ? "sign_in" : "sign_in_started",
    entityType: "user",
    entityId: user.id,
    after: {
      session: meta.sessionHandle,
      ...(stage === "signed_in" ? {} : { next: stage }),
      ...(meta.secondStep ? { secondStep: meta.secondStep } : {}),
    },
    ipAddress: meta.ipAddress,
  });
}

export async function recordSignOut(userId: string, meta: { ipAddress: string | null; sessionHandle: string }) {
  await recordAudit(db(), {
    userId,
    action: "sign_out",
    entityType: "user",
    entityId: userId,
    after: { session: meta.sessionHandle },
    ipAddress: meta.ipAddress,
  });
}
