/**
 * What other domains may read of priorities, inspections and their recommendations, how they
 * join them, and the links they may make to them (app/utils/refs.server.ts; ADR 025).
 * Only this domain names its tables.
 */
import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { agendaItemPriorities, documentPriorities, inspections, priorities, recommendationPriorities, recommendationResponses, recommendations, workProgrammeTopics } from "../../../db/schema/oversight";
import type { Executor } from "../../db.server";
import { isUuid } from "../../utils/uuid";
import { tableOrAlias, tableRef, type ColumnsOf } from "../../utils/refs.server";

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
  return tableRef(tableOrAlias(inspections, as), inspectionFields, (t) => t.id);
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
    // A board's own (issue 17): who made it, to whom, where, and its response clock.
    source: t.source,
    bodyId: t.bodyId,
    agreedOn: t.agreedOn,
    addresseeOrganisationId: t.addresseeOrganisationId,
    agreedAtMinuteId: t.agreedAtMinuteId,
    agreedAtMeetingId: t.agreedAtMeetingId,
    judgedAtMinuteId: t.judgedAtMinuteId,
    receivedOn: t.receivedOn,
    responseDueOn: t.responseDueOn,
    implementationState: t.implementationState,
  }),
  (t) => t.id,
);

/** An agenda item's links to priorities, joined from the item: `agendaItemPriorityOfItem.on(agendaItem.id)`. */
export const agendaItemPriorityOfItem = tableRef(
  agendaItemPriorities,
  (t) => ({ agendaItemId: t.agendaItemId, priorityId: t.priorityId }),
  (t) => t.agendaItemId,
);

/**
 * Links the agenda item to exactly these priorities (ids of no priority are dropped), inside the
 * caller's transaction: the agenda builder sets them when the clerk saves an item.
 * Returns the ids linked.
 */
export async function setAgendaItemPriorities(tx: Executor, agendaItemId: string, priorityIds: string[]): Promise<string[]> {
  // Only ids of priorities that exist are linked (a forged value is not an id: never sent to the database).
  const ids = priorityIds.filter(isUuid);
  const known = ids.length ? await tx.select({ id: priorities.id }).from(priorities).where(inArray(priorities.id, ids)) : [];
  await tx.delete(agendaItemPriorities).where(eq(agendaItemPriorities.agendaItemId, agendaItemId));
  if (known.length) await tx.insert(agendaItemPriorities).values(known.map((p) => ({ agendaItemId, priorityId: p.id })));
  return known.map((p) => p.id);
}

/** Every priority in the board's order: a select of priorities. */
export async function priorityChoices(executor: Executor): Promise<{ id: string; title: string }[]> {
  return executor.select({ id: priorities.id, title: priorities.title }).from(priorities).orderBy(asc(priorities.position), asc(priorities.title));
}

/**
 * The ids of the recommendations whose reference, text or inspection title match these words
 * ("R3 focused visit"), as a subquery: `${column} = any ${recommendationsMatching(words)}`.
 */
export function recommendationsMatching(words: string): SQL {
  return sql`(select r.id from ${recommendations} r join ${inspections} i on i.id = r.inspection_id
      where (r.search || to_tsvector('english', i.title)) @@ websearch_to_tsquery('english', ${words}))`;
}
/** The links of documents and recommendations to priorities, joined from the document or recommendation (an item's: agendaItemPriorityOfItem). */
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
    source: t.source,
    bodyId: t.bodyId,
    agreedOn: t.agreedOn,
    judgement: t.judgement,
  }),
  (t) => t.id,
);

/** A work programme topic, for search (docs/decisions/043-work-programme.md). */
export const workProgrammeTopicSearch = tableRef(
  workProgrammeTopics,
  (t) => ({ id: t.id, bodyId: t.bodyId, title: t.title, description: t.description, municipalYear: t.municipalYear, priorityId: t.priorityId, search: t.search }),
  (t) => t.id,
);

/** The work programme as the public reads it, for the API (its index would bring a cycle through questions and publishing). */
export { getTopic, listAllTopics, type WorkProgrammeTopic } from "./work-programme.server";

/**
 * A board's own recommendation as other domains read it (issue 17, follow and remind):
 * its clock, addressee and lead, and the board's judgement. `refTable(boardRecommendation)`
 * is the recommendations table, so recommendationVisible(viewer) applies to it.
 */
export const boardRecommendation = tableRef(
  recommendations,
  (t) => ({
    id: t.id,
    source: t.source,
    reference: t.reference,
    text: t.text,
    bodyId: t.bodyId,
    addresseeOrganisationId: t.addresseeOrganisationId,
    leadPersonId: t.leadPersonId,
    receivedOn: t.receivedOn,
    responseDueOn: t.responseDueOn,
    implementationState: t.implementationState,
    judgedOn: t.judgedOn,
    judgement: t.judgement,
    updatedAt: t.updatedAt,
  }),
  (t) => t.id,
);

/** The addressee's response to a board recommendation, joined from the recommendation: `recommendationResponseOf.on(boardRecommendation.id)` (or `recommendation.id`). */
export const recommendationResponseOf = tableRef(
  recommendationResponses,
  (t) => ({
    id: t.id,
    recommendationId: t.recommendationId,
    outcome: t.outcome,
    reasons: t.reasons,
    actionPlanned: t.actionPlanned,
    givenBy: t.givenBy,
    givenOn: t.givenOn,
    agreedAt: t.agreedAt,
    createdAt: t.createdAt,
    search: t.search,
  }),
  (t) => t.recommendationId,
);
