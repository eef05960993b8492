/**
 * The clerk's form for what a committee page says about its body (issue 18, item 2):
 * purpose and terms of reference, where and how often it meets, and its clerk.
 * Pure zod: safe in both bundles.
 */
import { z } from "zod";
import { versionField } from "./clerk-schemas";
import { longTextField, textField } from "./form-fields";

export const BODY_PROFILE_FIELDS = ["termsOfReference", "meetingPlace", "meetingFrequency", "clerkName", "clerkEmail", "clerkPhone"] as const;

export const BODY_PROFILE_LABELS: Record<(typeof BODY_PROFILE_FIELDS)[number], string> = {
  termsOfReference: "Purpose and terms of reference",
  meetingPlace: "Where it meets",
  meetingFrequency: "How often it meets",
  clerkName: "Clerk's name",
  clerkEmail: "Clerk's email address",
  clerkPhone: "Clerk's telephone number",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,28}[0-9]$/;

export const bodyProfileSchema = z.object({
  termsOfReference: longTextField({ label: BODY_PROFILE_LABELS.termsOfReference, max: 20_000, optional: true }),
  meetingPlace: textField({ label: BODY_PROFILE_LABELS.meetingPlace, max: 300, optional: true }),
  meetingFrequency: textField({ label: BODY_PROFILE_LABELS.meetingFrequency, max: 200, optional: true }),
  clerkName: textField({ label: BODY_PROFILE_LABELS.clerkName, max: 200, optional: true }),
  clerkEmail: textField({ label: BODY_PROFILE_LABELS.clerkEmail, max: 254, optional: true })
    .transform((v) => v.toLowerCase())
    .refine((v) => v === "" || EMAIL.test(v), "Enter the clerk's email address in the correct format, like clerk@example.gov.uk"),
  clerkPhone: textField({ label: BODY_PROFILE_LABELS.clerkPhone, max: 30, optional: true }).refine(
    (v) => v === "" || PHONE.test(v),
    "Enter the clerk's telephone number using digits, spaces and brackets only, like 0121 569 3896",
  ),
  version: versionField,
});

export type BodyProfileInput = Omit<z.output<typeof bodyProfileSchema>, "version">;
