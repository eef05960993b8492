/**
 * Passwords: argon2id at OWASP's minimum parameters (m=19456 KiB, t=2, p=1),
 * 12 to 128 characters of anything, and not on the bundled list of common
 * passwords (app/auth/common-passwords.txt).
 */
import fs from "node:fs";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** `Algorithm.Argon2id`: the enum is a `const enum`, which isolated modules cannot import. */
const ARGON2ID = 2;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, never a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, for an account that does not exist or
 * has no password yet, so the answer's timing does not tell them apart.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("not a real password: timing equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.resolve(process.cwd(), "app", "auth", "common-passwords.txt");
    common = new Set(
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("#")),
    );
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** Why a new password is refused, in words for the form; null when it is fine. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length === 0) return "Enter a password";
  if (length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (new Set(password).size < 4 || isCommonPassword(password)) {
    return "Password is too easy to guess: choose a less common one, for example three or four random words";
  }
  return null;
}

/** The errors of a "new password" and "confirm password" pair, by field name. */
export function newPasswordErrors(
  password: string,
  confirmation: string,
  fields: { newField: string; confirmField: string } = { newField: "password", confirmField: "confirmPassword" },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const problem = passwordProblem(password);
  if (problem) errors[fields.newField] = problem;
  if (!confirmation) errors[fields.confirmField] = "Confirm the password";
  else if (!problem && password !== confirmation) errors[fields.confirmField] = "The passwords do not match";
  return errors;
}
