/**
 * Oversight: strategic priorities, inspections and their recommendations, and
 * the links from agenda items and documents to them.
 * Tables only: their relations are in oversight.relations.ts.
 */
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt, tsvector, weighted, DATE_PRECISIONS } from "./columns";
import { bodies, organisations, people, users } from "./people";
import { agendaItems, documents, meetings, minutes } from "./meetings";

// ---------------------------------------------------------------------------
// Strategic priorities, inspections, recommendations
// ---------------------------------------------------------------------------

export const priorities = pgTable(
  "priorities",
  {
    id: id(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull().default(""),
    organisationId: uuid().references(() => organisations.id),
    owner: text(),
    position: integer().notNull().default(0),
    sourceNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const agendaItemPriorities = pgTable(
  "agenda_item_priorities",
  {
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    priorityId: uuid()
      .notNull()
      .references(() => priorities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.priorityId] }), index().on(t.priorityId)],
);

export const INSPECTION_KINDS = [
  "full_inspection",
  "monitoring_visit",
  "focused_visit",
  "assurance_visit",
  "regulatory_inspection",
] as const;

export const inspections = pgTable(
  "inspections",
  {
    id: id(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    kind: text({ enum: INSPECTION_KINDS }).notNull(),
    /** The inspected organisation. */
    organisationId: uuid().references(() => organisations.id),
    /** The inspectorate, e.g. Ofsted. */
    inspectorateId: uuid().references(() => organisations.id),
    visitStartOn: date({ mode: "string" }),
    visitEndOn: date({ mode: "string" }),
    publishedOn: date({ mode: "string" }),
    datePrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    dateNote: text(),
    overallJudgement: text(),
    /** [{ area, judgement }] where the report gives them. */
    areaJudgements: jsonb().$type<{ area: string; judgement: string }[]>().notNull().default([]),
    /** Markdown: the headline findings. */
    summary: text().notNull().default(""),
    /** The report or letter. */
    documentId: uuid().references(() => documents.id),
    sourceNote: text(),
    /**
     * How many recommendations the inspection made, where the sources give the
     * total but quote only some of them (the 2018 inspection: 17, of which 6 are
     * recorded); null when the recorded ones are all there are.
     */
    recommendationsMade: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.organisationId),
    index().on(t.inspectorateId),
    index().on(t.documentId),
    index().on(t.visitStartOn),
  ],
);

export const RECOMMENDATION_KINDS = ["recommendation", "improvement_point", "finding"] as const;

/** Who made a recommendation: an inspectorate (in an inspection report) or the board itself (issue 17). */
export const RECOMMENDATION_SOURCES = ["inspection", "board"] as const;

/** The board's later judgement on a recommendation it made. */
export const IMPLEMENTATION_STATES = ["implemented", "partly_implemented", "not_implemented", "superseded"] as const;

export const recommendations = pgTable(
  "recommendations",
  {
    id: id(),
    source: text({ enum: RECOMMENDATION_SOURCES }).notNull().default("inspection"),
    /** The inspection that made it (source "inspection" only). */
    inspectionId: uuid().references(() => inspections.id, { onDelete: "cascade" }),
    /** "R1": unique within its inspection; a board's "SB/2026/04": unique within the body. */
    reference: text().notNull(),
    kind: text({ enum: RECOMMENDATION_KINDS }).notNull().default("recommendation"),
    text: text().notNull(),
    position: integer().notNull().default(0),
    /** Which later visit found it met, and what it said. */
    metByInspectionId: uuid().references(() => inspections.id),
    metFinding: text(),
    closedAt: tstz(),
    closureEvidence: text(),
    /** Who leads the response to it, and by when (for the tracking report). */
    lead: text(),
    dueOn: date({ mode: "string" }),
    // --- A board's own recommendation (source "board") ---
    /** The body that made it. */
    bodyId: uuid().references(() => bodies.id),
    /** Where it was agreed: the minute (and its meeting), or a review report (a document). */
    agreedAtMinuteId: uuid().references(() => minutes.id),
    agreedAtMeetingId: uuid().references(() => meetings.id),
    agreedInDocumentId: uuid().references(() => documents.id),
    agreedOn: date({ mode: "string" }),
    /** Who must respond: the executive, the Trust, a partner. */
    addresseeOrganisationId: uuid().references(() => organisations.id),
    /** The lead person there. */
    leadPersonId: uuid().references(() => people.id),
    /** When the addressee received it: the response clock starts here. */
    receivedOn: date({ mode: "string" }),
    /** Written only from responseDueOn() (app/rules/deadlines.server.ts), never typed in. */
    responseDueOn: date({ mode: "string" }),
    /** When the board will review its implementation. */
    reviewOn: date({ mode: "string" }),
    /** The board's judgement at a later meeting, with the minute that records it. */
    implementationState: text({ enum: IMPLEMENTATION_STATES }),
    judgedAtMinuteId: uuid().references(() => minutes.id),
    judgedOn: date({ mode: "string" }),
    judgement: text(),
    search: tsvector().generatedAlwaysAs(weighted([[["reference"], "A"], [["text"], "B"], [["met_finding", "closure_evidence", "judgement"], "C"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.inspectionId),
    index().on(t.metByInspectionId),
    uniqueIndex().on(t.inspectionId, t.reference),
    uniqueIndex("recommendations_body_reference_idx").on(t.bodyId, t.reference),
    index().on(t.addresseeOrganisationId),
    index().on(t.agreedAtMinuteId),
    index().on(t.responseDueOn),
    index("recommendations_search_idx").using("gin", t.search),
    check(
      "recommendations_source_check",
      sql`(${t.source} = 'inspection' and ${t.inspectionId} is not null) or (${t.source} = 'board' and ${t.inspectionId} is null and ${t.bodyId} is not null)`,
    ),
  ],
);

export const RESPONSE_OUTCOMES = ["accepted", "partially_accepted", "not_accepted"] as const;

/** The addressee's formal response to a board recommendation (one per recommendation; corrections are revisions). */
export const recommendationResponses = pgTable(
  "recommendation_responses",
  {
    id: id(),
    recommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    outcome: text({ enum: RESPONSE_OUTCOMES }).notNull(),
    /** Required unless fully accepted. */
    reasons: text().notNull().default(""),
    /** The action it will take, in its words. */
    actionPlanned: text().notNull().default(""),
    /** Who gave it: a person in the record where known, and the name as given. */
    givenByPersonId: uuid().references(() => people.id),
    givenBy: text().notNull(),
    givenOn: date({ mode: "string" }).notNull(),
    /** Where it was agreed: an executive meeting or decision, or a document. */
    agreedAt: text().notNull().default(""),
    agreedInDocumentId: uuid().references(() => documents.id),
    recordedByUserId: uuid().references(() => users.id),
    search: tsvector().generatedAlwaysAs(weighted([[["reasons", "action_planned"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.recommendationId), index("recommendation_responses_search_idx").using("gin", t.search)],
);

export const recommendationPriorities = pgTable(
  "recommendation_priorities",
  {
    recommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    priorityId: uuid()
      .notNull()
      .references(() => priorities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.priorityId] }), index().on(t.priorityId)],
);

/** A board recommendation's links to the inspection recommendations it follows up (issue 17). */
export const recommendationInspectionLinks = pgTable(
  "recommendation_inspection_links",
  {
    recommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    inspectionRecommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.inspectionRecommendationId] }), index().on(t.inspectionRecommendationId)],
);

// ---------------------------------------------------------------------------
// Links to priorities and recommendations (issues 5 and 6)
// ---------------------------------------------------------------------------

export const agendaItemRecommendations = pgTable(
  "agenda_item_recommendations",
  {
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    recommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.recommendationId] }), index().on(t.recommendationId)],
);

export const documentPriorities = pgTable(
  "document_priorities",
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    priorityId: uuid()
      .notNull()
      .references(() => priorities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.priorityId] }), index().on(t.priorityId)],
);

// ---------------------------------------------------------------------------
// The board's work programme (issue 17 item 6; docs/decisions/043-work-programme.md)
// ---------------------------------------------------------------------------

/** Why a topic is on the programme. */
export const TOPIC_REASONS = ["member_suggestion", "inspection_finding", "priority", "recommendation_review"] as const;
/** The kind of scrutiny it gets. */
export const TOPIC_KINDS = ["report", "review", "task_and_finish", "site_visit"] as const;
/**
 * What a clerk has decided about a topic. "on an agenda" and "done" are never stored:
 * they follow from the agenda item it is linked to (app/rules/topic-status.server.ts).
 */
export const TOPIC_DECISIONS = ["proposed", "planned", "deferred", "dropped"] as const;

export const workProgrammeTopics = pgTable(
  "work_programme_topics",
  {
    id: id(),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id),
    /** The municipal year by its first calendar year: 2026 is May 2026 to April 2027. */
    municipalYear: integer().notNull(),
    title: text().notNull(),
    /** Markdown. */
    description: text().notNull().default(""),
    reason: text({ enum: TOPIC_REASONS }).notNull(),
    priorityId: uuid().references(() => priorities.id),
    /** An inspection's recommendation (an inspection finding) or the board's own (one to review). */
    recommendationId: uuid().references(() => recommendations.id),
    kind: text({ enum: TOPIC_KINDS }).notNull().default("report"),
    leadOfficerId: uuid().references(() => people.id),
    /** Null: to be scheduled. */
    plannedMeetingId: uuid().references(() => meetings.id),
    decision: text({ enum: TOPIC_DECISIONS }).notNull().default("proposed"),
    /** Required when deferred or dropped. */
    decisionReason: text(),
    /** The agenda item where the topic is taken. */
    agendaItemId: uuid().references(() => agendaItems.id, { onDelete: "set null" }),
    proposedByUserId: uuid().references(() => users.id),
    proposedByPersonId: uuid().references(() => people.id),
    search: tsvector().generatedAlwaysAs(weighted([[["title"], "A"], [["description"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.bodyId, t.municipalYear),
    index().on(t.priorityId),
    index().on(t.recommendationId),
    index().on(t.leadOfficerId),
    index().on(t.plannedMeetingId),
    index().on(t.agendaItemId),
    index().on(t.proposedByUserId),
    index().on(t.proposedByPersonId),
    index("work_programme_topics_search_idx").using("gin", t.search),
    check(
      "work_programme_topics_reason_check",
      sql`${t.decision} not in ('deferred', 'dropped') or coalesce(trim(${t.decisionReason}), '') <> ''`,
    ),
  ],
);
