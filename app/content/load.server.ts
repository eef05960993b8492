/**
 * Reads content/ (Markdown files with YAML front matter, content/README.md) and
 * checks every file before anything is written: the layout, the front matter
 * (front-matter.server.ts: zod, strict, an unknown key is an error) and every slug
 * reference. Any problem stops the import with an Error naming the file and the
 * reason; all problems found are listed together.
 *
 * Nothing here touches the database: the result is a plain, validated bundle
 * that import.server.ts writes.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ContentError, type ContentBundle, type ContentFile, type Entry, type MeetingPartEntry } from "./bundle.server";
import {
  agendaItemSchema,
  bodySchema,
  describeIssues,
  documentSchema,
  inspectionSchema,
  meetingSchema,
  minutesSchema,
  organisationSchema,
  personSchema,
  prioritySchema,
  questionSchema,
  SLUG,
  splitFrontMatter,
} from "./front-matter.server";
import { contentId } from "./ids.server";

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
    e.data.recommendations.forEach((r, i) => r.priorities.forEach((p, j) => ref(e.path, `recommendations.${i}.priorities.${j}`, "priority", p)));
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
  for (const e of bundle.questions) e.data.priorities.forEach((p, i) => ref(e.path, `priorities.${i}`, "priority", p));
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
