/**
 * Two-step verification (docs/decisions/028-two-step-verification.md): setting up a
 * TOTP secret, confirming it with a code, recovery codes, the second step at
 * sign-in, an administrator's reset, and the setting that requires it of clerks
 * and administrators. Every change is audited; no secret, code or recovery code
 * is ever written to the audit log or a log.
 */
import { and, count, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { recoveryCodes, twoStepFactors, users, type Role, type SessionStage } from "../../../db/schema/people";
import { now as clockNow } from "../../auth/clock.server";
import { invalidateUserSessions, setUserSessionsStage } from "../../auth/lucia.server";
import { takeAllowance } from "../../auth/throttle.server";
import {
  displayKey,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseCode,
  openSecret,
  sealSecret,
  totpUri,
} from "../../auth/totp.server";
import { db, type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { getTwoStepRequired, recordAudit, setTwoStepRequired } from "../records";
import type { Actor } from "./users.server";

/** The roles the administrator's setting can require two-step verification of. */
export const TWO_STEP_ROLES: readonly Role[] = ["clerk", "admin"];

/** Wrong or reused codes allowed per account in 15 minutes at the second step. */
export const SECOND_STEP_ATTEMPTS = 10;
const ATTEMPT_WINDOW_MS = 15 * 60_000;

export interface TwoStepStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The administrator's setting applies to this person's role. */
  required: boolean;
}

async function factorOf(executor: Executor, userId: string) {
  const [row] = await executor.select().from(twoStepFactors).where(eq(twoStepFactors.userId, userId));
  return row;
}

export async function twoStepStatus(executor: Executor, user: { id: string; role: Role }): Promise<TwoStepStatus> {
  const factor = await factorOf(executor, user.id);
  const [{ left }] = await executor
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return {
    enabled: Boolean(factor?.confirmedAt),
    enabledAt: factor?.confirmedAt ?? null,
    recoveryCodesLeft: factor?.confirmedAt ? left : 0,
    required: TWO_STEP_ROLES.includes(user.role) && (await getTwoStepRequired(executor)),
  };
}

/** The stage a session starts at once the password is right. */
export async function signInStage(user: { id: string; role: Role }): Promise<SessionStage> {
  const status = await twoStepStatus(db(), user);
  if (status.enabled) return "second_step";
  if (status.required) return "enrolment";
  return "signed_in";
}

// ---------------------------------------------------------------------------
// Setting up
// ---------------------------------------------------------------------------

/** Starts (or starts again) setting up: a new secret, not yet confirmed. Refused when already on. */
export async function startEnrolment(tx: Executor, actor: Actor, userId: string): Promise<boolean> {
  const existing = await factorOf(tx, userId);
  if (existing?.confirmedAt) return false;
  const secret = sealSecret(newTotpSecret());
  await tx
    .insert(twoStepFactors)
    .values({ userId, secret, confirmedAt: null, lastUsedStep: null, createdAt: clockNow() })
    .onConflictDoUpdate({ target: twoStepFactors.userId, set: { secret, confirmedAt: null, lastUsedStep: null, createdAt: clockNow() } });
  await recordAudit(tx, { ...actor, action: "two_step_setup_started", entityType: "user", entityId: userId });
  return true;
}

/** The secret being set up, as the page shows it (key text and otpauth address), or null. */
export async function pendingEnrolment(executor: Executor, user: { id: string; email: string }) {
  const factor = await factorOf(executor, user.id);
  if (!factor || factor.confirmedAt) return null;
  const secret = openSecret(factor.secret);
  if (!secret) return null;
  return { key: displayKey(secret), uri: totpUri(getEnv().SITE_NAME, user.email, secret) };
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: string };

async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: clockNow() })));
  return codes;
}

/** Confirms the secret being set up with a code from the app; returns the recovery codes, to be shown once. */
export async function confirmEnrolment(tx: Executor, actor: Actor, userId: string, typed: string): Promise<EnrolmentResult> {
  if (!typed.trim()) return { ok: false, error: "Enter the 6-digit code from your authenticator app" };
  if (!normaliseCode(typed)) return { ok: false, error: "The code must be 6 digits" };
  const factor = await factorOf(tx, userId);
  if (!factor || factor.confirmedAt) return { ok: false, error: "Start setting up two-step verification again" };
  const secret = openSecret(factor.secret);
  const step = secret ? matchTotp(secret, typed, clockNow()) : null;
  if (step === null) {
    return { ok: false, error: "The code is not right. Check the app shows this portal and enter the code it shows now" };
  }
  const at = clockNow();
  await tx.update(twoStepFactors).set({ confirmedAt: at, lastUsedStep: step }).where(eq(twoStepFactors.userId, userId));
  const codes = await replaceRecoveryCodes(tx, userId);
  await recordAudit(tx, {
    ...actor,
    action: "two_step_enabled",
    entityType: "user",
    entityId: userId,
    after: { enabledAt: at, recoveryCodes: codes.length },
  });
  return { ok: true, recoveryCodes: codes };
}

// ---------------------------------------------------------------------------
// The second step
// ---------------------------------------------------------------------------

export type SecondStepResult =
  | { kind: "ok"; method: "code" | "recovery_code" }
  | { kind: "missing" }
  | { kind: "invalid" }
  | { kind: "reused" }
  | { kind: "locked" };

/**
 * Checks a TOTP code or a recovery code. A code is accepted once: its step is
 * recorded, and a code of that step or an earlier one is refused ("reused"). A
 * code of another secret, or older than the window, is "invalid". A recovery code
 * is spent by the same statement that finds it, so it works once even when two
 * requests race.
 */
export async function verifySecondStep(userId: string, typed: string, meta: { ipAddress: string | null }): Promise<SecondStepResult> {
  if (!typed.trim()) return { kind: "missing" };
  const at = clockNow();
  if (!(await takeAllowance(`two-step:${userId}`, SECOND_STEP_ATTEMPTS, ATTEMPT_WINDOW_MS, at))) {
    await recordAudit(db(), { userId, action: "two_step_failed", entityType: "user", entityId: userId, after: { reason: "too_many" }, ipAddress: meta.ipAddress });
    return { kind: "locked" };
  }
  const result = looksLikeRecoveryCode(typed) ? await spendRecoveryCode(userId, typed, at) : await useTotp(userId, typed, at);
  if (result.kind !== "ok") {
    await recordAudit(db(), {
      userId,
      action: "two_step_failed",
      entityType: "user",
      entityId: userId,
      after: { reason: result.kind, method: looksLikeRecoveryCode(typed) ? "recovery_code" : "code" },
      ipAddress: meta.ipAddress,
    });
  }
  return result;
}

async function useTotp(userId: string, typed: string, at: Date): Promise<SecondStepResult> {
  const factor = await factorOf(db(), userId);
  if (!factor?.confirmedAt) return { kind: "invalid" };
  const secret = openSecret(factor.secret);
  const step = secret ? matchTotp(secret, typed, at) : null;
  if (step === null) return { kind: "invalid" };
  // One statement: two requests with the same code cannot both pass.
  const moved = await db()
    .update(twoStepFactors)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(twoStepFactors.userId, userId),
        isNotNull(twoStepFactors.confirmedAt),
        or(isNull(twoStepFactors.lastUsedStep), lt(twoStepFactors.lastUsedStep, step)),
      ),
    )
    .returning({ userId: twoStepFactors.userId });
  return moved.length === 1 ? { kind: "ok", method: "code" } : { kind: "reused" };
}

async function spendRecoveryCode(userId: string, typed: string, at: Date): Promise<SecondStepResult> {
  const spent = await db()
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(typed)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length === 1 ? { kind: "ok", method: "recovery_code" } : { kind: "invalid" };
}

/** New recovery codes (the old ones stop working), after a current code from the app. */
export async function renewRecoveryCodes(
  actor: Actor & { userId: string },
  typed: string,
): Promise<EnrolmentResult> {
  if (!typed.trim()) return { ok: false, error: "Enter the 6-digit code from your authenticator app" };
  if (!normaliseCode(typed)) return { ok: false, error: "The code must be 6 digits" };
  const checked = await useTotp(actor.userId, typed, clockNow());
  if (checked.kind === "reused") return { ok: false, error: "This code has already been used. Wait for the next one" };
  if (checked.kind !== "ok") return { ok: false, error: "The code is not right, or it has expired. Enter the code the app shows now" };
  return db().transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, { ...actor, action: "two_step_recovery_codes_renewed", entityType: "user", entityId: actor.userId, after: { recoveryCodes: codes.length } });
    return { ok: true as const, recoveryCodes: codes };
  });
}

// ---------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------

/** An administrator takes away a person's second factor: secret and recovery codes go, and every session ends. */
export async function resetTwoStep(tx: Executor, actor: Actor, userId: string): Promise<boolean> {
  const factor = await factorOf(tx, userId);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(twoStepFactors).where(eq(twoStepFactors.userId, userId));
  await invalidateUserSessions(userId, { executor: tx });
  await recordAudit(tx, {
    ...actor,
    action: "two_step_reset",
    entityType: "user",
    entityId: userId,
    before: { enabled: Boolean(factor?.confirmedAt) },
    after: { enabled: false, sessionsEnded: true },
  });
  return Boolean(factor);
}

/**
 * Changes the administrator's setting. Turned on: every live session of a clerk or
 * administrator without two-step verification is moved to enrolment, so the next
 * request of each is sent to set it up. Turned off: such sessions are signed in again.
 */
export async function changeTwoStepRequirement(tx: Executor, actor: Actor, required: boolean) {
  await setTwoStepRequired(tx, actor, required);
  const affected = await tx
    .select({ id: users.id })
    .from(users)
    .leftJoin(twoStepFactors, eq(twoStepFactors.userId, users.id))
    .where(and(inArray(users.role, [...TWO_STEP_ROLES]), isNull(twoStepFactors.confirmedAt)));
  for (const user of affected) {
    if (required) await setUserSessionsStage(user.id, "signed_in", "enrolment", tx);
    else await setUserSessionsStage(user.id, "enrolment", "signed_in", tx);
  }
}

export { getTwoStepRequired };
