/**
 * What other domains may read of priorities, inspections and their recommendations, and
 * how they join them (app/utils/refs.server.ts; ADR 025). Only this domain names its tables.
 */
import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  agendaItemPriorities,
  documentPriorities,
  inspections,
  priorities,
  recommendationPriorities,
  recommendations,
} from "../../../db/schema/oversight";
import { tableRef, type ColumnsOf } from "../../utils/refs.server";

export const priority = tableRef(
  priorities,
  (t) => ({
    id: t.id,
    slug: t.slug,
    title: t.title,
    description: t.description,
    organisationId: t.organisationId,
    owner: t.owner,
    position: t.position,
    sourceNote: t.sourceNote,
    updatedAt: t.updatedAt,
  }),
  (t) => t.id,
);

/** The id of the priority with this slug, as a scalar subquery (null where there is none). */
export function priorityWithSlug(slug: string): SQL {
  return sql`(select p.id from ${priorities} p where p.slug = ${slug})`;
}

const inspectionFields = <T extends ColumnsOf<typeof inspections>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  title: t.title,
  kind: t.kind,
  organisationId: t.organisationId,
  inspectorateId: t.inspectorateId,
  visitStartOn: t.visitStartOn,
  visitEndOn: t.visitEndOn,
  publishedOn: t.publishedOn,
  datePrecision: t.datePrecision,
  dateNote: t.dateNote,
  overallJudgement: t.overallJudgement,
  summary: t.summary,
  documentId: t.documentId,
  sourceNote: t.sourceNote,
  recommendationsMade: t.recommendationsMade,
  updatedAt: t.updatedAt,
  areaJudgements: t.areaJudgements,
});

/** An inspection; `inspectionRef("met_by")` for a second one in the same query. */
export function inspectionRef(as?: string) {
  return tableRef(as ? alias(inspections, as) : inspections, inspectionFields, (t) => t.id);
}
export const inspection = inspectionRef();

export const recommendation = tableRef(
  recommendations,
  (t) => ({
    id: t.id,
    inspectionId: t.inspectionId,
    reference: t.reference,
    kind: t.kind,
    text: t.text,
    position: t.position,
    metByInspectionId: t.metByInspectionId,
    metFinding: t.metFinding,
    closedAt: t.closedAt,
    closureEvidence: t.closureEvidence,
    lead: t.lead,
    dueOn: t.dueOn,
    updatedAt: t.updatedAt,
  }),
  (t) => t.id,
);

/** The links of agenda items, documents and recommendations to priorities, joined from the item, document or recommendation. */
export const agendaItemPriorityOfAgendaItem = tableRef(agendaItemPriorities, (t) => ({ agendaItemId: t.agendaItemId, priorityId: t.priorityId }), (t) => t.agendaItemId);
export const documentPriorityOfDocument = tableRef(documentPriorities, (t) => ({ documentId: t.documentId, priorityId: t.priorityId }), (t) => t.documentId);
export const recommendationPriorityOfRecommendation = tableRef(
  recommendationPriorities,
  (t) => ({ recommendationId: t.recommendationId, priorityId: t.priorityId }),
  (t) => t.recommendationId,
);

/** For the search domain only: a recommendation with its weighted `search` vector. */
export const recommendationSearch = tableRef(
  recommendations,
  (t) => ({
    id: t.id,
    inspectionId: t.inspectionId,
    reference: t.reference,
    text: t.text,
    metByInspectionId: t.metByInspectionId,
    metFinding: t.metFinding,
    closedAt: t.closedAt,
    closureEvidence: t.closureEvidence,
    search: t.search,
  }),
  (t) => t.id,
);
