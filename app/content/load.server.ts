/**
 * Reads content/ (Markdown files with YAML front matter, content/README.md) and
 * checks every file before anything is written: the layout, the front matter
 * (zod, strict: an unknown key is an error, which catches typos) and every slug
 * reference. Any problem stops the import with an Error naming the file and the
 * reason; all problems found are listed together.
 *
 * Nothing here touches the database: the result is a plain, validated bundle
 * that import.server.ts writes.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
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
  RESPONSE_KINDS,
} from "../../db/schema";
import { contentId, type ContentEntityType } from "./ids.server";
import { parseIsoDay } from "../utils/day-field";

// ---------------------------------------------------------------------------
// Front matter schemas (keys are camelCase, as in db/schema; references are slugs)
// ---------------------------------------------------------------------------

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
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
    /** Annual reviews: the year reviewed. */
    reviewYear: z.number().int().min(1900).max(2100).optional(),
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
    if ((v.reviewYear !== undefined || v.presentedAt !== undefined) && v.kind !== "annual_review") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [v.reviewYear !== undefined ? "reviewYear" : "presentedAt"],
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
    agendaPublishedAt: isoDateTime.nullish(),
    urgencyReason: optionalText,
    minutesPublishedAt: isoDateTime.nullish(),
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
    response: responseSchema.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
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
// The bundle
// ---------------------------------------------------------------------------

export interface ContentFile {
  /** Path inside the content directory, with "/" separators: the content_sources key. */
  path: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

export interface Entry<T> extends ContentFile {
  type: ContentEntityType;
  /** The slug, or for meeting parts a path of slugs. */
  key: string;
  id: string;
  data: T;
  /** The Markdown after the front matter. */
  markdown: string;
  /** Files this one takes defaults from (an item's meeting): a change there re-imports this one. */
  dependsOn: ContentFile[];
}

export interface MeetingPartEntry<T> extends Entry<T> {
  meetingSlug: string;
  position: number;
}

export interface ContentBundle {
  organisations: Entry<OrganisationData>[];
  bodies: Entry<BodyData>[];
  people: Entry<PersonData>[];
  priorities: Entry<PriorityData>[];
  documents: Entry<DocumentData>[];
  inspections: Entry<InspectionData>[];
  meetings: Entry<MeetingData>[];
  agendaItems: (MeetingPartEntry<AgendaItemData> & { itemKey: string })[];
  minutes: (Entry<MinutesData> & { itemKey: string })[];
  questions: (MeetingPartEntry<QuestionData> & { itemKey: string })[];
  /** Every file, for counting. */
  files: ContentFile[];
}

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Content import stopped: ${problems[0]}`
        : `Content import stopped: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ContentError";
  }
}

const FLAT_FOLDERS = {
  organisations: "organisation",
  bodies: "body",
  people: "person",
  priorities: "priority",
  documents: "document",
  inspections: "inspection",
} as const;

const NUMBERED = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

async function listFiles(root: string, dir = ""): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".")) continue;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out;
}

function splitFrontMatter(raw: string): { frontMatter: unknown; markdown: string } {
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

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join(".") : "front matter";
      return `${where} ${i.message}`;
    })
    .join("; ");
}

/**
 * Reads and checks the whole content directory. Throws a ContentError listing
 * every problem (each naming its file); returns the validated bundle otherwise.
 */
export async function loadContent(directory: string): Promise<ContentBundle> {
  const root = path.resolve(directory);
  const problems: string[] = [];
  const where = (rel: string) => path.join(root, rel);
  const fail = (rel: string, message: string) => problems.push(`${where(rel)}: ${message}`);

  let files: string[];
  try {
    files = await listFiles(root);
  } catch (err) {
    throw new ContentError([`${root}: cannot read the content directory (${(err as Error).message})`]);
  }

  const bundle: ContentBundle = {
    organisations: [],
    bodies: [],
    people: [],
    priorities: [],
    documents: [],
    inspections: [],
    meetings: [],
    agendaItems: [],
    minutes: [],
    questions: [],
    files: [],
  };

  const read = async (rel: string) => {
    const bytes = await fs.readFile(where(rel));
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const { frontMatter, markdown } = splitFrontMatter(bytes.toString("utf8"));
    return { sha256, frontMatter, markdown };
  };

  function parse<S extends z.ZodTypeAny>(rel: string, schema: S, frontMatter: unknown): z.infer<S> | undefined {
    const result = schema.safeParse(frontMatter);
    if (!result.success) {
      fail(rel, `invalid front matter: ${describeIssues(result.error)}`);
      return undefined;
    }
    return result.data;
  }

  const meetingFiles = new Map<string, ContentFile>();
  const positions = new Map<string, string>();

  for (const rel of files) {
    const parts = rel.split("/");
    const name = parts[parts.length - 1];
    if (name === "README.md") continue;
    if (!name.endsWith(".md")) {
      fail(rel, "is not a Markdown (.md) file; content/README.md describes the layout");
      continue;
    }
    let loaded: Awaited<ReturnType<typeof read>>;
    try {
      loaded = await read(rel);
    } catch (err) {
      fail(rel, (err as Error).message);
      continue;
    }
    const { sha256, frontMatter, markdown } = loaded;
    const file: ContentFile = { path: rel, sha256 };
    bundle.files.push(file);
    const base = name.slice(0, -3);

    // Flat folders: <folder>/<slug>.md
    if (parts.length === 2 && parts[0] in FLAT_FOLDERS) {
      const type = FLAT_FOLDERS[parts[0] as keyof typeof FLAT_FOLDERS];
      if (!SLUG.test(base)) {
        fail(rel, "the file name must be the record's slug: lower-case letters, digits and single hyphens");
        continue;
      }
      const entry = { ...file, type, key: base, id: contentId(type, base), markdown, dependsOn: [] };
      switch (type) {
        case "organisation": {
          const data = parse(rel, organisationSchema, frontMatter);
          if (data) bundle.organisations.push({ ...entry, data });
          break;
        }
        case "body": {
          const data = parse(rel, bodySchema, frontMatter);
          if (data) bundle.bodies.push({ ...entry, data });
          break;
        }
        case "person": {
          const data = parse(rel, personSchema, frontMatter);
          if (markdown) fail(rel, "a person file has no Markdown body: put notes in YAML comments (# ...)");
          else if (data) bundle.people.push({ ...entry, data });
          break;
        }
        case "priority": {
          const data = parse(rel, prioritySchema, frontMatter);
          if (data) bundle.priorities.push({ ...entry, data });
          break;
        }
        case "document": {
          const data = parse(rel, documentSchema, frontMatter);
          if (data) bundle.documents.push({ ...entry, data });
          break;
        }
        case "inspection": {
          const data = parse(rel, inspectionSchema, frontMatter);
          if (data) bundle.inspections.push({ ...entry, data });
          break;
        }
      }
      continue;
    }

    // Meetings: meetings/<slug>/meeting.md and meetings/<slug>/items/<NN-slug>/...
    if (parts[0] === "meetings" && parts.length >= 3) {
      const meetingSlug = parts[1];
      if (!SLUG.test(meetingSlug)) {
        fail(rel, "the meeting folder name must be the meeting's slug");
        continue;
      }
      if (parts.length === 3 && name === "meeting.md") {
        const data = parse(rel, meetingSchema, frontMatter);
        if (markdown) fail(rel, "meeting.md has no Markdown body: agenda items go in items/");
        else if (data) {
          meetingFiles.set(meetingSlug, file);
          bundle.meetings.push({
            ...file,
            type: "meeting",
            key: meetingSlug,
            id: contentId("meeting", meetingSlug),
            data,
            markdown,
            dependsOn: [],
          });
        }
        continue;
      }
      if (parts.length >= 5 && parts[2] === "items") {
        const folder = NUMBERED.exec(parts[3]);
        if (!folder) {
          fail(rel, "an agenda item folder must be named NN-<slug>, e.g. 01-trust-annual-review");
          continue;
        }
        const position = Number(folder[1]);
        const itemKey = `${meetingSlug}/${folder[2]}`;
        if (parts.length === 5 && name === "item.md") {
          const data = parse(rel, agendaItemSchema, frontMatter);
          const positionKey = `item:${meetingSlug}:${position}`;
          if (positions.has(positionKey)) fail(rel, `agenda item number ${position} is also used by ${positions.get(positionKey)}`);
          positions.set(positionKey, rel);
          if (data) {
            bundle.agendaItems.push({
              ...file,
              type: "agenda_item",
              key: itemKey,
              itemKey,
              id: contentId("agenda_item", itemKey),
              meetingSlug,
              position,
              data,
              markdown,
              dependsOn: [],
            });
          }
          continue;
        }
        if (parts.length === 5 && name === "minutes.md") {
          const data = parse(rel, minutesSchema, frontMatter);
          if (data) {
            bundle.minutes.push({
              ...file,
              type: "minute",
              key: itemKey,
              itemKey,
              id: contentId("minute", itemKey),
              data,
              markdown,
              dependsOn: [],
            });
          }
          continue;
        }
        if (parts.length === 6 && parts[4] === "questions") {
          const q = NUMBERED.exec(base);
          if (!q) {
            fail(rel, "a question file must be named NN-<slug>.md, e.g. 01-keeping-children-safe.md");
            continue;
          }
          const qPosition = Number(q[1]);
          const positionKey = `question:${itemKey}:${qPosition}`;
          if (positions.has(positionKey)) fail(rel, `question number ${qPosition} is also used by ${positions.get(positionKey)}`);
          positions.set(positionKey, rel);
          const data = parse(rel, questionSchema, frontMatter);
          if (data && !data.response && markdown) {
            fail(rel, "has a Markdown body (the response) but no `response:` in its front matter");
            continue;
          }
          if (data) {
            const key = `${itemKey}/${q[2]}`;
            bundle.questions.push({
              ...file,
              type: "question",
              key,
              itemKey,
              id: contentId("question", key),
              meetingSlug,
              position: qPosition,
              data,
              markdown,
              dependsOn: [],
            });
          }
          continue;
        }
      }
    }

    fail(rel, "is not where content/README.md says files go");
  }

  // Keys must be unique (two folders 01-x and 02-x would both be item "x").
  const seenKeys = new Map<string, string>();
  for (const e of [...bundle.agendaItems, ...bundle.minutes, ...bundle.questions]) {
    const k = `${e.type}:${e.key}`;
    if (seenKeys.has(k)) fail(e.path, `has the same slug as ${where(seenKeys.get(k)!)}`);
    seenKeys.set(k, e.path);
  }

  // ----- references -----
  const index = {
    organisation: new Set(bundle.organisations.map((e) => e.key)),
    body: new Set(bundle.bodies.map((e) => e.key)),
    person: new Set(bundle.people.map((e) => e.key)),
    priority: new Set(bundle.priorities.map((e) => e.key)),
    document: new Set(bundle.documents.map((e) => e.key)),
  };
  const FOLDER_OF = {
    organisation: "organisations",
    body: "bodies",
    person: "people",
    priority: "priorities",
    document: "documents",
  } as const;
  const ref = (rel: string, field: string, type: keyof typeof index, value: string | null | undefined) => {
    if (value && !index[type].has(value)) {
      fail(rel, `${field} refers to ${type} "${value}", but there is no ${FOLDER_OF[type]}/${value}.md`);
    }
  };

  for (const e of bundle.bodies) ref(e.path, "organisation", "organisation", e.data.organisation);
  for (const e of bundle.people) ref(e.path, "organisation", "organisation", e.data.organisation);
  for (const e of bundle.priorities) ref(e.path, "organisation", "organisation", e.data.organisation);
  for (const e of bundle.documents) {
    ref(e.path, "organisation", "organisation", e.data.organisation);
    e.data.priorities.forEach((p, i) => ref(e.path, `priorities.${i}`, "priority", p));
  }
  for (const e of bundle.inspections) {
    ref(e.path, "organisation", "organisation", e.data.organisation);
    ref(e.path, "inspectorate", "organisation", e.data.inspectorate);
    ref(e.path, "document", "document", e.data.document);
  }
  for (const e of bundle.meetings) ref(e.path, "body", "body", e.data.body);
  const itemsByKey = new Map(bundle.agendaItems.map((i) => [i.itemKey, i]));
  for (const e of bundle.agendaItems) {
    const meetingFile = meetingFiles.get(e.meetingSlug);
    if (!meetingFile) fail(e.path, `is in meetings/${e.meetingSlug}/, which has no meeting.md`);
    else e.dependsOn.push(meetingFile);
    ref(e.path, "leadOfficer", "person", e.data.leadOfficer);
    e.data.priorities.forEach((p, i) => ref(e.path, `priorities.${i}`, "priority", p));
    e.data.documents.forEach((d, i) => ref(e.path, `documents.${i}`, "document", d));
  }
  for (const e of bundle.documents) {
    if (e.data.presentedAt && !itemsByKey.has(e.data.presentedAt)) {
      fail(e.path, `presentedAt refers to agenda item "${e.data.presentedAt}", but there is no meetings/${e.data.presentedAt.split("/")[0]}/items/NN-${e.data.presentedAt.split("/")[1]}/item.md`);
    }
  }
  for (const e of bundle.minutes) {
    const item = itemsByKey.get(e.itemKey);
    if (!item) fail(e.path, "is in an agenda item folder with no item.md");
  }
  for (const e of bundle.questions) {
    const item = itemsByKey.get(e.itemKey);
    if (!item) fail(e.path, "is in an agenda item folder with no item.md");
    const meetingFile = meetingFiles.get(e.meetingSlug);
    if (meetingFile) e.dependsOn.push(meetingFile);
    ref(e.path, "askedBy", "person", e.data.askedBy);
    ref(e.path, "addressedTo", "organisation", e.data.addressedTo);
    ref(e.path, "response.organisation", "organisation", e.data.response?.organisation);
    ref(e.path, "response.respondedBy", "person", e.data.response?.respondedBy);
    if (e.data.response && !e.markdown) fail(e.path, "has a `response:` but no Markdown body (the response's text)");
  }
  if (problems.length > 0) throw new ContentError([...new Set(problems)]);
  return bundle;
}
