/**
 * Drizzle relations of the oversight tables, for `db.query.*`. Kept apart from
 * oversight.ts because they name tables of other domains: table files import only
 * columns.ts and the table files below them, so no import makes a cycle.
 */
import { relations } from "drizzle-orm";
import { organisations } from "./people";
import { agendaItems, documents } from "./meetings";
import { priorities, agendaItemPriorities, inspections, recommendations, recommendationPriorities } from "./oversight";
import { actions } from "./questions";

export const prioritiesRelations = relations(priorities, ({ one, many }) => ({
  organisation: one(organisations, { fields: [priorities.organisationId], references: [organisations.id] }),
  agendaItems: many(agendaItemPriorities),
  recommendations: many(recommendationPriorities),
}));

export const agendaItemPrioritiesRelations = relations(agendaItemPriorities, ({ one }) => ({
  agendaItem: one(agendaItems, { fields: [agendaItemPriorities.agendaItemId], references: [agendaItems.id] }),
  priority: one(priorities, { fields: [agendaItemPriorities.priorityId], references: [priorities.id] }),
}));

export const inspectionsRelations = relations(inspections, ({ one, many }) => ({
  organisation: one(organisations, {
    fields: [inspections.organisationId],
    references: [organisations.id],
    relationName: "inspected",
  }),
  inspectorate: one(organisations, {
    fields: [inspections.inspectorateId],
    references: [organisations.id],
    relationName: "inspectorate",
  }),
  document: one(documents, { fields: [inspections.documentId], references: [documents.id] }),
  recommendations: many(recommendations, { relationName: "recommendations" }),
}));

export const recommendationsRelations = relations(recommendations, ({ one, many }) => ({
  inspection: one(inspections, {
    fields: [recommendations.inspectionId],
    references: [inspections.id],
    relationName: "recommendations",
  }),
  metBy: one(inspections, { fields: [recommendations.metByInspectionId], references: [inspections.id] }),
  priorities: many(recommendationPriorities),
  actions: many(actions),
}));

export const recommendationPrioritiesRelations = relations(recommendationPriorities, ({ one }) => ({
  recommendation: one(recommendations, {
    fields: [recommendationPriorities.recommendationId],
    references: [recommendations.id],
  }),
  priority: one(priorities, { fields: [recommendationPriorities.priorityId], references: [priorities.id] }),
}));
