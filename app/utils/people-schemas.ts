/**
 * The forms for boards and committees, people, memberships and the statutory
 * clock setting (pure zod: safe in both bundles). Checks that need the
 * database (a slug already taken, an unknown person, overlapping terms) are the
 * model's (app/models/people-admin.server.ts).
 */
import { z } from "zod";
import { BODY_KINDS, MEMBERSHIP_ROLES } from "../../db/schema";
import { versionField } from "./clerk-schemas";
import { dayField } from "./day-field";
import { choiceField, longTextField, textField } from "./form-fields";

export const BODY_KIND_LABELS: Record<(typeof BODY_KINDS)[number], string> = {
  board: "Board",
  committee: "Committee",
  sub_committee: "Sub-committee",
  panel: "Panel",
};
export const BODY_KIND_OPTIONS = BODY_KINDS.map((k) => ({ value: k, label: BODY_KIND_LABELS[k] }));

export const MEMBERSHIP_ROLE_OPTIONS: { value: (typeof MEMBERSHIP_ROLES)[number]; label: string }[] = [
  { value: "chair", label: "Chair" },
  { value: "vice_chair", label: "Vice-chair" },
  { value: "member", label: "Member" },
  { value: "co_opted", label: "Co-opted member" },
  { value: "substitute", label: "Substitute" },
  { value: "officer", label: "Officer" },
];

/** A public address part: lower-case letters, digits and single hyphens (as content/ slugs). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function slugField(optional: boolean) {
  return z
    .string()
    .transform((v) => v.trim())
    .superRefine((v, ctx) => {
      if (!v) {
        if (!optional) ctx.addIssue({ code: "custom", message: "Enter the web address (slug)" });
      } else if (v.length > 80) {
        ctx.addIssue({ code: "custom", message: "The web address (slug) must be 80 characters or fewer" });
      } else if (!SLUG_PATTERN.test(v)) {
        ctx.addIssue({
          code: "custom",
          message: "The web address (slug) can only contain lower-case letters, digits and single hyphens, like scrutiny-board",
        });
      }
    });
}

/** An id chosen from a list; "" when nothing is chosen. Whether it exists is the model's check. */
const optionalChoice = z.string().trim();

export const BODY_FIELDS = ["name", "slug", "kind", "description", "organisationId", "responseWorkingDays", "questionWindowDays", "sourceNote"] as const;

const bodyShape = {
  name: textField({ label: "Name", max: 200, required: "Enter the name of the board or committee" }),
  kind: choiceField(BODY_KINDS, "Select what kind of body it is"),
  description: longTextField({ label: "Description", max: 5000, optional: true }),
  organisationId: optionalChoice,
  responseWorkingDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "Enter the number of working days as a whole number, like 20")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 365, "The number of working days must be between 1 and 365"),
  // Left out (an older form, an API client): the default window of 28 days.
  questionWindowDays: z
    .string()
    .trim()
    .transform((v) => v || "28")
    .refine((v) => /^\d{1,4}$/.test(v), "Enter the number of days as a whole number, like 28")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 3660, "The number of days must be between 0 and 3660"),
  sourceNote: longTextField({ label: "Note on the sources", max: 2000, optional: true }),
};

/** A new body: the slug may be left blank (made from the name). */
export const newBodySchema = z.object({ ...bodyShape, slug: slugField(true) });
export const editBodySchema = z.object({ ...bodyShape, slug: slugField(false), version: versionField });

export const PERSON_FIELDS = ["name", "honorific", "jobTitle", "organisationId"] as const;

export const personSchema = z.object({
  name: textField({ label: "Name", max: 200, required: "Enter the person's name" }),
  honorific: textField({ label: "Title", max: 100, optional: true }),
  jobTitle: textField({ label: "Job title or party", max: 200, optional: true }),
  organisationId: optionalChoice,
});
export const editPersonSchema = personSchema.extend({ version: versionField });

export const TERM_FIELDS = ["role", "startOn", "endOn"] as const;

const termShape = {
  role: choiceField(MEMBERSHIP_ROLES, "Select the role on the board or committee"),
  startOn: dayField({ label: "Start of term" }),
  endOn: dayField({ label: "End of term", optional: true }),
};

/** The end of a term before its start is refused by the model, which also checks an ended term against its stored start. */
export const newMembershipSchema = z.object({ personId: z.string().trim().min(1, "Select a person"), ...termShape });

export const editMembershipSchema = z.object({ ...termShape, version: versionField });

/** Ending a term: its last day (a field of its own, beside the full edit form's end of term). */
export const endTermSchema = z.object({ lastDay: dayField({ label: "Last day of the term" }), version: versionField });

export const CLOCK_FIELDS = ["clearDays", "countWorkingDays"] as const;

export const clockRuleSchema = z.object({
  clearDays: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "Enter the number of clear days as a whole number, like 5")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 30, "The number of clear days must be between 1 and 30"),
  countWorkingDays: choiceField(["yes", "no"] as const, "Select whether only working days count").transform((v) => v === "yes"),
  version: versionField,
});
