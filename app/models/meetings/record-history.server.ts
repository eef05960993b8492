/**
 * The clerk's "History of changes" of a meeting, agenda item, minute or document: its kept
 * versions (app/models/records, revisions) said in words by app/rules/change-wording.server.ts,
 * with the board's label for each field and linked people by their names.
 */
import { inArray } from "drizzle-orm";
import { db } from "../../db.server";
import { describeChanges, describeValues, byWhom, type FieldSpecs } from "../../rules/change-wording.server";
import { formatDateTime } from "../../rules/dates.server";
import { MEETING_STATUS_LABELS } from "../../rules/meeting-status.server";
import { canSeeDrafts, type Viewer } from "../../rules/viewer.server";
import { EXEMPT_PARAGRAPH_WORDING } from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { person } from "../people/refs.server";
import { revisionsPage, type RevisionEntityType } from "../records";
import { DOCUMENT_KIND_LABELS } from "./documents.server";

const PARAGRAPHS = Object.fromEntries(Object.keys(EXEMPT_PARAGRAPH_WORDING).map((n) => [n, `paragraph ${n}`]));

/** Each kind of record's fields, in the words of the forms the clerk fills in. */
export const HISTORY_FIELDS: Record<RevisionEntityType, FieldSpecs> = {
  meeting: {
    title: { label: "Title", kind: "text" },
    startsAt: { label: "Start", dateLabel: "Date", kind: "start" },
    endsAt: { label: "End", kind: "time" },
    venue: { label: "Venue", kind: "text" },
    attendanceMode: { label: "How people attend", kind: "choice", labels: { in_person: "in person", online: "online", hybrid: "in person and online" } },
    status: { label: "Status", kind: "choice", labels: Object.fromEntries(Object.entries(MEETING_STATUS_LABELS).map(([k, v]) => [k, v.toLowerCase()])) },
    statusReason: { label: "Reason for the status", kind: "text" },
  },
  agenda_item: {
    title: { label: "Title", kind: "text" },
    purpose: { label: "Purpose", kind: "long" },
    body: { label: "Body", kind: "long" },
    leadOfficerId: { label: "Lead officer", kind: "record" },
    isExempt: { label: "Exempt", kind: "flag", on: "Marked as exempt", off: "No longer exempt" },
    exemptParagraph: { label: "Exempt paragraph", kind: "choice", labels: PARAGRAPHS },
    exemptReason: { label: "Public interest reason", kind: "text" },
    publicTitle: { label: "Public title", kind: "text" },
    publicSummary: { label: "Public summary", kind: "long" },
  },
  minute: {
    body: { label: "Minute", kind: "long" },
    decisions: { label: "Resolutions and decisions", kind: "long" },
  },
  document: {
    title: { label: "Title", kind: "text" },
    summary: { label: "Summary", kind: "long" },
    body: { label: "Report", kind: "long" },
    kind: { label: "Kind of document", kind: "choice", labels: Object.fromEntries(Object.entries(DOCUMENT_KIND_LABELS).map(([k, v]) => [k, v.toLowerCase()])) },
  },
};

export const HISTORY_RECORD_NAMES: Record<RevisionEntityType, string> = {
  agenda_item: "agenda item",
  minute: "minute",
  document: "document",
  meeting: "meeting",
};

/** Names of the people a page of versions links to (lead officers), by id. */
async function peopleNames(ids: string[]) {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db().select({ id: person.id, name: person.name }).from(refTable(person)).where(inArray(person.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One page of a record's history in words, newest first; null for a viewer who may not see drafts. */
export async function recordHistory(viewer: Viewer, entityType: RevisionEntityType, entityId: string, page: number) {
  if (!canSeeDrafts(viewer) || !isUuid(entityId)) return null;
  const specs = HISTORY_FIELDS[entityType];
  const { total, versions } = await revisionsPage(entityType, entityId, page);
  const linked = Object.entries(specs).filter(([, s]) => s.kind === "record").map(([k]) => k);
  const names = await peopleNames(versions.flatMap((v) => [v.data, v.previous ?? {}].flatMap((d) => linked.map((k) => String(d[k] ?? "")))));
  const nameOf = (id: string) => names.get(id) ?? null;
  return {
    total,
    versions: versions.map((v) => {
      const who = { at: v.createdAt, author: v.author ?? null };
      const first = v.previous === null;
      return {
        id: v.id,
        version: v.version,
        when: formatDateTime(v.createdAt),
        reason: v.reason,
        /** The first version kept: how the record stood, field by field. */
        heading: first
          ? v.authorId
            ? `Created ${byWhom(v.createdAt, v.author)}`
            : `As it stood before changes were recorded`
          : `Changed ${byWhom(v.createdAt, v.author)}`,
        values: first ? describeValues(specs, v.data, nameOf) : [],
        changes: first ? [] : describeChanges(specs, v.previous ?? {}, v.data, who, nameOf),
      };
    }),
  };
}
