/**
 * Time-based one-time passwords (RFC 6238) and recovery codes, with the injectable
 * clock (docs/decisions/028-two-step-verification.md). The codes themselves come
 * from @oslojs/otp (HOTP, RFC 4226); this module decides which 30-second steps are
 * accepted, so tests can fix the time and a used step can be refused.
 * No secret, code or recovery code is ever logged.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { getEnv } from "../env.server";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted (a clock a little out, a code typed slowly). */
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A new 20-byte (160-bit) secret, the size RFC 4226 recommends for HMAC-SHA-1. */
export function newTotpSecret(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The 30-second step a moment falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** Spaces and hyphens people type are dropped; anything else but digits makes it no code. */
export function normaliseCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * The step whose code this is, if it is within the accepted window around `at`
 * (the latest match), or null: a wrong code, a code of another secret and an
 * expired code are all null. Whether the step was already used is the caller's
 * to check (`lastUsedStep`).
 */
export function matchTotp(secret: Uint8Array, typed: string, at: Date): number | null {
  const code = normaliseCode(typed);
  if (!code) return null;
  const now = totpStep(at);
  for (let step = now + TOTP_DRIFT_STEPS; step >= now - TOTP_DRIFT_STEPS; step -= 1) {
    if (verifyHOTP(secret, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

/** The key as people type it into an app that cannot scan: upper-case base32 in groups of four. */
export function displayKey(secret: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(secret).replace(/(.{4})(?=.)/g, "$1 ");
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(issuer: string, accountName: string, secret: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

// ---------------------------------------------------------------------------
// Sealing the secret at rest
// ---------------------------------------------------------------------------

function sealingKey(): Buffer | null {
  const hex = getEnv().TWO_STEP_KEY;
  return hex ? Buffer.from(hex, "hex") : null;
}

/** The secret as stored: AES-256-GCM with TWO_STEP_KEY ("v1:iv.tag.data"), else "plain:base64". */
export function sealSecret(secret: Uint8Array): string {
  const key = sealingKey();
  if (!key) return `plain:${Buffer.from(secret).toString("base64")}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  return `v1:${iv.toString("base64")}.${cipher.getAuthTag().toString("base64")}.${data.toString("base64")}`;
}

/** The secret from its stored form; null when it cannot be opened (no key, or another key). */
export function openSecret(stored: string): Uint8Array | null {
  if (stored.startsWith("plain:")) return new Uint8Array(Buffer.from(stored.slice(6), "base64"));
  const key = sealingKey();
  if (!key || !stored.startsWith("v1:")) return null;
  const [iv, tag, data] = stored.slice(3).split(".").map((part) => Buffer.from(part, "base64"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Recovery codes
// ---------------------------------------------------------------------------

/** Ten codes of 10 base32 characters (50 bits each), shown as "abcde-fghij". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = encodeBase32LowerCaseNoPadding(randomBytes(7)).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** What is stored of a recovery code: SHA-256 of it without case, spaces or hyphens. */
export function hashRecoveryCode(typed: string): string {
  const code = typed.toLowerCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(`recovery:${code}`).digest("hex");
}

/** True when what was typed has the shape of a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[a-z2-7]{10}$/i.test(typed.replace(/[\s-]/g, ""));
}

