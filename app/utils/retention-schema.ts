/**
 * The retention settings form (docs/decisions/031-peoples-data-and-retention.md): how many
 * days sent e-mails and sign-in records are kept. Pure zod: safe in both bundles.
 */
import { z } from "zod";
import { versionField } from "./clerk-schemas";

export const RETENTION_FIELDS = ["outboxDays", "signInDays"] as const;
export const RETENTION_LIMITS = { min: 1, max: 3650 } as const;

function daysField(what: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter how many days to keep ${what}`)
    .regex(/^-?\d+$/, `Enter the number of days to keep ${what} as a whole number, like 90`)
    .transform(Number)
    .refine((n) => n >= RETENTION_LIMITS.min, `Keep ${what} for at least ${RETENTION_LIMITS.min} day: 0 or fewer would delete them as soon as they are made`)
    .refine((n) => n <= RETENTION_LIMITS.max, `Keep ${what} for at most ${RETENTION_LIMITS.max} days (10 years)`);
}

export const retentionSchema = z.object({
  outboxDays: daysField("sent e-mails"),
  signInDays: daysField("sign-in records"),
  version: versionField,
});
