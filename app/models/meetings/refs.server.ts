/**
 * What other domains may read of meetings, agenda items, minutes and documents, and how
 * they join them (app/utils/refs.server.ts; ADR 025). Only this domain names its tables.
 * Visibility is not in a ref: a query applies app/rules/visibility.server.ts as before.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { agendaItemDocuments, agendaItems, decisions, documentFiles, documents, documentTextPages, interestDeclarations, meetingAttendance, minutes, meetings } from "../../../db/schema/meetings";
import { tableOrAlias, tableRef, type ColumnsOf } from "../../utils/refs.server";

const meetingFields = <T extends ColumnsOf<typeof meetings>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  bodyId: t.bodyId,
  title: t.title,
  startsAt: t.startsAt,
  endsAt: t.endsAt,
  datePrecision: t.datePrecision,
  dateNote: t.dateNote,
  venue: t.venue,
  status: t.status,
  statusReason: t.statusReason,
  agendaPublishedAt: t.agendaPublishedAt,
  agendaPublishedPrecision: t.agendaPublishedPrecision,
  minutesPublishedAt: t.minutesPublishedAt,
  minutesPublishedPrecision: t.minutesPublishedPrecision,
  minutesApprovedAt: t.minutesApprovedAt,
  minutesApprovedAtMeetingId: t.minutesApprovedAtMeetingId,
  minutesApprovalUnknown: t.minutesApprovalUnknown,
  sourceNote: t.sourceNote,
  updatedAt: t.updatedAt,
  version: t.version,
  attendanceMode: t.attendanceMode,
  urgencyReason: t.urgencyReason,
});

/** A meeting; `meetingRef("approving_meeting")` for a second one in the same query. */
export function meetingRef(as?: string) {
  return tableRef(tableOrAlias(meetings, as), meetingFields, (t) => t.id);
}
export const meeting = meetingRef();

const agendaItemFields = <T extends ColumnsOf<typeof agendaItems>>(t: T) => ({
  id: t.id,
  meetingId: t.meetingId,
  parentId: t.parentId,
  position: t.position,
  title: t.title,
  purpose: t.purpose,
  leadOfficerId: t.leadOfficerId,
  isExempt: t.isExempt,
  exemptParagraph: t.exemptParagraph,
  exemptReason: t.exemptReason,
  publicTitle: t.publicTitle,
  publicSummary: t.publicSummary,
  publishedAt: t.publishedAt,
  updatedAt: t.updatedAt,
  body: t.body,
});

/** An agenda item; join its meeting with `meeting.on(agendaItem.meetingId)`. */
export function agendaItemRef(as?: string) {
  return tableRef(tableOrAlias(agendaItems, as), agendaItemFields, (t) => t.id);
}
export const agendaItem = agendaItemRef();

/** An item's minute (by its own id: `minute.on(...)`; by item: `minuteOfItem.on(agendaItem.id)`). */
const minuteFields = <T extends ColumnsOf<typeof minutes>>(t: T) => ({ id: t.id, agendaItemId: t.agendaItemId, body: t.body, decisions: t.decisions, updatedAt: t.updatedAt });
export const minute = tableRef(minutes, minuteFields, (t) => t.id);
export const minuteOfItem = tableRef(minutes, minuteFields, (t) => t.agendaItemId);

const documentFields = <T extends ColumnsOf<typeof documents>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  kind: t.kind,
  title: t.title,
  summary: t.summary,
  organisationId: t.organisationId,
  documentDate: t.documentDate,
  datePrecision: t.datePrecision,
  dateNote: t.dateNote,
  source: t.source,
  sourceNote: t.sourceNote,
  publishedAt: t.publishedAt,
  publishedPrecision: t.publishedPrecision,
  reviewYear: t.reviewYear,
  reviewPeriod: t.reviewPeriod,
  presentedAtItemId: t.presentedAtItemId,
  updatedAt: t.updatedAt,
  body: t.body,
});

/** A document (report, minutes, inspection report, annual review); `documentRef("evidence")` for a second. */
export function documentRef(as?: string) {
  return tableRef(tableOrAlias(documents, as), documentFields, (t) => t.id);
}
export const document = documentRef();

/** The link of a document to an agenda item, joined from the item: `itemDocumentOfItem.on(agendaItem.id)`. */
export const itemDocumentOfItem = tableRef(
  agendaItemDocuments,
  (t) => ({ agendaItemId: t.agendaItemId, documentId: t.documentId, position: t.position }),
  (t) => t.agendaItemId,
);

/** A body's meetings, joined from the body: `meetingOfBody.on(body.id)` (one row per meeting). */
export const meetingOfBody = tableRef(meetings, meetingFields, (t) => t.bodyId);

/** A person's recorded attendance at meetings, joined from the person: `attendanceOfPerson.on(person.id)`. */
export const attendanceOfPerson = tableRef(
  meetingAttendance,
  (t) => ({ id: t.id, meetingId: t.meetingId, personId: t.personId, role: t.role, status: t.status, substituteForId: t.substituteForId }),
  (t) => t.personId,
);

/** Interests a person declared on agenda items, joined from the person: `declarationOfPerson.on(person.id)`. */
export const declarationOfPerson = tableRef(
  interestDeclarations,
  (t) => ({ id: t.id, agendaItemId: t.agendaItemId, personId: t.personId, kind: t.kind, nature: t.nature, leftRoom: t.leftRoom }),
  (t) => t.personId,
);

/** A document's files (never their content), joined from the document: `documentFileOfDocument.on(document.id)`. */
export const documentFileOfDocument = tableRef(
  documentFiles,
  (t) => ({
    id: t.id,
    documentId: t.documentId,
    fileName: t.fileName,
    mediaType: t.mediaType,
    byteSize: t.byteSize,
    supersededAt: t.supersededAt,
    createdAt: t.createdAt,
  }),
  (t) => t.documentId,
);
/**
 * For the search domain only: an agenda item, minute or document with its weighted `search`
 * vector; other domains use the refs above.
 */
export const agendaItemSearch = tableRef(agendaItems, (t) => ({ ...agendaItemFields(t), search: t.search }), (t) => t.id);
export const minuteSearch = tableRef(minutes, (t) => ({ ...minuteFields(t), search: t.search }), (t) => t.id);
export const documentSearch = tableRef(documents, (t) => ({ ...documentFields(t), search: t.search }), (t) => t.id);
/**
 * For the search domain only: a page of text read from an uploaded file (issue 19), joined from
 * the file (`documentTextPageOfFile.on(documentFileOfDocument.id)`), with its `search` vector.
 */
export const documentTextPageOfFile = tableRef(
  documentTextPages,
  (t) => ({ id: t.id, documentFileId: t.documentFileId, pageNumber: t.pageNumber, text: t.text, search: t.search }),
  (t) => t.documentFileId,
);
/** For the search domain only: a decision, with its item (join `agendaItem.on(decisionSearch.agendaItemId)`). */
export const decisionSearch = tableRef(
  decisions,
  (t) => ({ id: t.id, agendaItemId: t.agendaItemId, text: t.text, reasons: t.reasons, callInUntil: t.callInUntil, calledInOn: t.calledInOn, implementedOn: t.implementedOn, search: t.search }),
  (t) => t.id,
);

/** The id of a document's current file (its latest not superseded), as a scalar subquery: null where it has none. */
export function currentFileIdOf(documentId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select f.id from ${documentFiles} f where f.document_id = ${documentId} and f.superseded_at is null order by f.created_at desc limit 1)`;
}

/**
 * True where the document in the query (over `documents`) belongs to this body: attached to an
 * item of its meetings, or presented at one.
 */
export function documentOfBody(bodyId: string): SQL {
  return sql`(exists (select 1 from ${agendaItemDocuments} x join ${agendaItems} ai on ai.id = x.agenda_item_id join ${meetings} mm on mm.id = ai.meeting_id where x.document_id = ${documents.id} and mm.body_id = ${bodyId})
    or exists (select 1 from ${agendaItems} ai join ${meetings} mm on mm.id = ai.meeting_id where ai.id = ${documents.presentedAtItemId} and mm.body_id = ${bodyId}))`;
}
