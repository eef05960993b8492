/**
 * Oversight: strategic priorities, inspections and their recommendations, and
 * the links from agenda items and documents to them.
 * Tables only: their relations are in oversight.relations.ts.
 */
import { date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt, tsvector, weighted, DATE_PRECISIONS } from "./columns";
import { organisations } from "./people";
import { agendaItems, documents } from "./meetings";

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

export const recommendations = pgTable(
  "recommendations",
  {
    id: id(),
    inspectionId: uuid()
      .notNull()
      .references(() => inspections.id, { onDelete: "cascade" }),
    /** e.g. "R1": unique within its inspection. */
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
    search: tsvector().generatedAlwaysAs(weighted([[["reference"], "A"], [["text"], "B"], [["met_finding", "closure_evidence"], "C"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.inspectionId),
    index().on(t.metByInspectionId),
    uniqueIndex().on(t.inspectionId, t.reference),
    index("recommendations_search_idx").using("gin", t.search),
  ],
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
