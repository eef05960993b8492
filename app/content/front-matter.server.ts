/**
 * The front matter of each kind of content file (content/README.md): zod
 * schemas, strict (an unknown key is an error, which catches typos), and the
 * reading of a file's YAML front matter and Markdown body. Used by load.server.ts.
 */
import YAML from "yaml";
import { z } from "zod";
import {
  ATTENDANCE_MODES,
  BODY_KINDS,
  DATE_PRECISIONS,
  DOCUMENT_KINDS,
  INSPECTION_KINDS,
  MEETING_STATUSES,
  ORGANISATION_KINDS,
  RECOMMENDATION_KINDS,
  QUESTION_SOURCE_STATUSES,
  RESPONSE_KINDS,
} from "../../db/schema";
import { parseIsoDay } from "../utils/day-field";

// ---------------------------------------------------------------------------
// Front matter schemas (keys are camelCase, as in db/schema; references are slugs)
// ---------------------------------------------------------------------------

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, "must be a slug: lower-case letters, digits and single hyphens");
const text = z.string().trim().min(1, "must not be empty");
const optionalText = z.string().trim().min(1, "must not be empty (leave the key out instead)").nullish();

/** JavaScript rolls 30 February over into March; a content date must exist (the portal's one day rule). */
function isRealDay(day: string): boolean {
  return parseIsoDay(day) === day;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isRealDay, "is not a real date");

const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/,
    "must be a date and time with its offset, e.g. 2021-08-01T12:00:00+01:00",
  )
  .refine((v) => isRealDay(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)), "is not a real date and time")
  .transform((v) => new Date(v));

/** `true`: published, at the time it was first imported. A date and time: published then. */
const publication = z.union([z.literal(true), z.literal(false), isoDateTime]).nullish();

const datePrecision = z.enum(DATE_PRECISIONS);

/** A date and time, or "unknown": the source says it happened but not when. */
const instantOrUnknown = z.union([z.literal("unknown"), isoDateTime]).nullish();

/** A non-exact date must say why, so pages can show it. */
function requireDateNote(value: { datePrecision: string; dateNote?: string | null }, ctx: z.RefinementCtx) {
  if (value.datePrecision !== "exact" && !value.dateNote) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["dateNote"],
      message: `is required when datePrecision is "${value.datePrecision}": say what the sources give and leave out`,
    });
  }
}

export const organisationSchema = z
  .object({
    name: text,
    kind: z.enum(ORGANISATION_KINDS),
  })
  .strict();

export const bodySchema = z
  .object({
    name: text,
    kind: z.enum(BODY_KINDS),
    organisation: slug.nullish(),
    sourceNote: optionalText,
    responseWorkingDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const personSchema = z
  .object({
    name: text,
    honorific: optionalText,
    jobTitle: optionalText,
    organisation: slug.nullish(),
    /** Where the sources name this person: shown on their page, and what puts them in the public record. */
    sourceNote: optionalText,
  })
  .strict();

export const prioritySchema = z
  .object({
    title: text,
    organisation: slug.nullish(),
    owner: optionalText,
    position: z.number().int().min(0),
    sourceNote: optionalText,
  })
  .strict();

export const documentSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    title: text,
    summary: z.string().trim().optional(),
    organisation: slug.nullish(),
    documentDate: isoDate.nullish(),
    datePrecision,
    dateNote: optionalText,
    source: optionalText,
    sourceNote: optionalText,
    publishedAt: publication,
    /** Annual reviews: the year reviewed, only where the source names one year. */
    reviewYear: z.number().int().min(1900).max(2100).optional(),
    /** Annual reviews: the period reviewed, as the source states it. */
    reviewPeriod: optionalText,
    /** Annual reviews: the agenda item where it was presented, as "<meeting slug>/<item slug>". */
    presentedAt: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be "<meeting slug>/<item slug>"')
      .optional(),
    /** Priorities the document sets out or reports on (only where the document says so). */
    priorities: z.array(slug).default([]),
  })
  .strict()
  .superRefine(requireDateNote)
  .superRefine((v, ctx) => {
    if ((v.reviewYear !== undefined || v.reviewPeriod || v.presentedAt !== undefined) && v.kind !== "annual_review") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [v.reviewYear !== undefined ? "reviewYear" : v.reviewPeriod ? "reviewPeriod" : "presentedAt"],
        message: 'is only for documents of kind "annual_review"',
      });
    }
    if (v.datePrecision !== "unknown" && !v.documentDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["documentDate"],
        message: 'is required unless datePrecision is "unknown"',
      });
    }
    if (v.datePrecision === "unknown" && v.documentDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["documentDate"],
        message: 'must be left out when datePrecision is "unknown"',
      });
    }
  });

const recommendationSchema = z
  .object({
    reference: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a short reference such as R1"),
    kind: z.enum(RECOMMENDATION_KINDS).default("recommendation"),
    text,
    /** Priorities it is linked to (slugs); say in a YAML comment what in the sources supports each. */
    priorities: z.array(slug).default([]),
  })
  .strict();

export const inspectionSchema = z
  .object({
    title: text,
    kind: z.enum(INSPECTION_KINDS),
    organisation: slug.nullish(),
    inspectorate: slug.nullish(),
    visitStartOn: isoDate.nullish(),
    visitEndOn: isoDate.nullish(),
    publishedOn: isoDate.nullish(),
    datePrecision,
    dateNote: optionalText,
    overallJudgement: optionalText,
    areaJudgements: z.array(z.object({ area: text, judgement: text }).strict()).default([]),
    document: slug.nullish(),
    sourceNote: optionalText,
    /** The number of recommendations the inspection made, when the sources give only some of them. */
    recommendationsMade: z.number().int().positive().nullish(),
    recommendations: z.array(recommendationSchema).default([]),
  })
  .strict()
  .superRefine(requireDateNote)
  .superRefine((v, ctx) => {
    if (v.datePrecision === "unknown" && (v.visitStartOn || v.visitEndOn || v.publishedOn)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["datePrecision"],
        message: 'is "unknown", so visitStartOn, visitEndOn and publishedOn must be left out',
      });
    }
    if (v.visitStartOn && v.visitEndOn && v.visitEndOn < v.visitStartOn) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["visitEndOn"], message: "is before visitStartOn" });
    }
    const seen = new Set<string>();
    v.recommendations.forEach((r, i) => {
      if (seen.has(r.reference)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["recommendations", i, "reference"],
          message: `"${r.reference}" is used twice in this inspection`,
        });
      }
      seen.add(r.reference);
    });
  });

export const meetingSchema = z
  .object({
    body: slug,
    title: text,
    startsAt: isoDateTime,
    endsAt: isoDateTime.nullish(),
    datePrecision,
    dateNote: optionalText,
    venue: optionalText,
    /** null: the source does not say whether the meeting was in person or online. */
    attendanceMode: z.enum(ATTENDANCE_MODES).nullable().default("in_person"),
    status: z.enum(MEETING_STATUSES),
    statusReason: optionalText,
    /** "unknown": the agenda is public but the sources do not say when it was published. */
    agendaPublishedAt: instantOrUnknown,
    urgencyReason: optionalText,
    /** "unknown": the minutes are public but the sources do not say when they were published. */
    minutesPublishedAt: instantOrUnknown,
    minutesApprovedAt: isoDateTime.nullish(),
    /** true: the source does not say whether the minutes were approved as a correct record. */
    minutesApprovalUnknown: z.boolean().default(false),
    sourceNote: optionalText,
  })
  .strict()
  .superRefine(requireDateNote)
  .superRefine((v, ctx) => {
    if (v.endsAt && v.endsAt < v.startsAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsAt"], message: "is before startsAt" });
    }
  });

export const agendaItemSchema = z
  .object({
    title: text,
    purpose: z.string().trim().default(""),
    leadOfficer: slug.nullish(),
    /** Defaults to the meeting's agendaPublishedAt. */
    publishedAt: isoDateTime.nullish(),
    priorities: z.array(slug).default([]),
    documents: z.array(slug).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const key of ["priorities", "documents"] as const) {
      const list = v[key];
      list.forEach((s, i) => {
        if (list.indexOf(s) !== i) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key, i], message: `"${s}" is listed twice` });
        }
      });
    }
  });

export const minutesSchema = z
  .object({
    /** Markdown: resolutions and decisions ("" where the minutes record none). */
    decisions: z.string().trim().default(""),
  })
  .strict();

const responseSchema = z
  .object({
    kind: z.enum(RESPONSE_KINDS).default("full"),
    organisation: slug.nullish(),
    respondedBy: slug.nullish(),
    /** Defaults to the meeting's startsAt for a question raised at the meeting. */
    respondedAt: isoDateTime.nullish(),
    expectedOn: isoDate.nullish(),
    sourceNote: optionalText,
    /** The source does not name who responded: why the response is recorded as `organisation`'s. */
    attributionNote: optionalText,
  })
  .strict();

export const questionSchema = z
  .object({
    text,
    askedBy: slug.nullish(),
    addressedTo: slug,
    isSummarised: z.boolean().default(false),
    raisedAtMeeting: z.boolean().default(false),
    /** Defaults to the meeting's date for a question raised at the meeting. */
    tabledOn: isoDate.nullish(),
    dueOn: isoDate.nullish(),
    dueChangeReason: optionalText,
    /** Default to the meeting's startsAt for a question raised at the meeting. */
    submittedAt: isoDateTime.nullish(),
    acceptedAt: isoDateTime.nullish(),
    sourceNote: optionalText,
    /** Priorities it is linked to (slugs); say in a YAML comment what in the sources supports each. */
    priorities: z.array(slug).default([]),
    /** A status the source states (docs/decisions/021); needs sourceStatusNote quoting the source. */
    sourceStatus: z.enum(QUESTION_SOURCE_STATUSES).nullish(),
    sourceStatusNote: optionalText,
    response: responseSchema.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.sourceStatus && !v.sourceStatusNote) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["sourceStatusNote"], message: "is required with sourceStatus: say what the source records" });
    }
    if (!v.raisedAtMeeting && !v.tabledOn) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["tabledOn"],
        message: "is required for a question not raised at the meeting",
      });
    }
  });

export type OrganisationData = z.infer<typeof organisationSchema>;
export type BodyData = z.infer<typeof bodySchema>;
export type PersonData = z.infer<typeof personSchema>;
export type PriorityData = z.infer<typeof prioritySchema>;
export type DocumentData = z.infer<typeof documentSchema>;
export type InspectionData = z.infer<typeof inspectionSchema>;
export type MeetingData = z.infer<typeof meetingSchema>;
export type AgendaItemData = z.infer<typeof agendaItemSchema>;
export type MinutesData = z.infer<typeof minutesSchema>;
export type QuestionData = z.infer<typeof questionSchema>;

// ---------------------------------------------------------------------------
// Reading a file
// ---------------------------------------------------------------------------

export function splitFrontMatter(raw: string): { frontMatter: unknown; markdown: string } {
  const source = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n?---(?:\n|$)/.exec(source);
  if (!match) {
    throw new Error("has no front matter: a file must start with YAML between two '---' lines");
  }
  let frontMatter: unknown;
  try {
    frontMatter = YAML.parse(match[1], { prettyErrors: true, uniqueKeys: true, strict: true }) ?? {};
  } catch (err) {
    throw new Error(`has broken front matter: ${(err as Error).message.split("\n")[0]}`);
  }
  if (typeof frontMatter !== "object" || Array.isArray(frontMatter)) {
    throw new Error("has front matter that is not a set of keys and values");
  }
  const markdown = source
    .slice(match[0].length)
    .replace(/^(\s*\n)+/, "")
    .replace(/\s+$/, "");
  return { frontMatter, markdown };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join(".") : "front matter";
      return `${where} ${i.message}`;
    })
    .join("; ");
}
