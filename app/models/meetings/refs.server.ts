/**
 * What other domains may read of meetings, agenda items, minutes and documents, and how
 * they join them (app/utils/refs.server.ts; ADR 025). Only this domain names its tables.
 * Visibility is not in a ref: a query applies app/rules/visibility.server.ts as before.
 */
import { alias } from "drizzle-orm/pg-core";
import { agendaItemDocuments, agendaItems, documents, minutes, meetings } from "../../../db/schema/meetings";
import { tableRef, type TableOrAlias } from "../../utils/refs.server";

const meetingFields = (t: TableOrAlias<typeof meetings>) => ({
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
  minutesApprovalUnknown: t.minutesApprovalUnknown,
  sourceNote: t.sourceNote,
  updatedAt: t.updatedAt,
});

/** A meeting; `meetingRef("approving_meeting")` for a second one in the same query. */
export function meetingRef(as: string) {
  return tableRef(alias(meetings, as), (t) => meetingFields(t), (t) => t.id);
}
export const meeting = tableRef(meetings, (t) => meetingFields(t), (t) => t.id);

const agendaItemFields = (t: TableOrAlias<typeof agendaItems>) => ({
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
});

/** An agenda item; join its meeting with `meeting.on(agendaItem.meetingId)`. */
export function agendaItemRef(as: string) {
  return tableRef(alias(agendaItems, as), (t) => agendaItemFields(t), (t) => t.id);
}
export const agendaItem = tableRef(agendaItems, (t) => agendaItemFields(t), (t) => t.id);

/** An item's minute (by its own id: `minute.on(...)`; by item: `minuteOfItem.on(agendaItem.id)`). */
const minuteFields = (t: TableOrAlias<typeof minutes>) => ({ id: t.id, agendaItemId: t.agendaItemId, body: t.body, decisions: t.decisions, updatedAt: t.updatedAt });
export const minute = tableRef(minutes, (t) => minuteFields(t), (t) => t.id);
export const minuteOfItem = tableRef(minutes, (t) => minuteFields(t), (t) => t.agendaItemId);

const documentFields = (t: TableOrAlias<typeof documents>) => ({
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
});

/** A document (report, minutes, inspection report, annual review); `documentRef("evidence")` for a second. */
export function documentRef(as: string) {
  return tableRef(alias(documents, as), (t) => documentFields(t), (t) => t.id);
}
export const document = tableRef(documents, (t) => documentFields(t), (t) => t.id);

/** The link of a document to an agenda item, joined from the item: `itemDocumentOfItem.on(agendaItem.id)`. */
export const itemDocumentOfItem = tableRef(
  agendaItemDocuments,
  (t) => ({ agendaItemId: t.agendaItemId, documentId: t.documentId, position: t.position }),
  (t) => t.agendaItemId,
);
