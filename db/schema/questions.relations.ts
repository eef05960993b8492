/**
 * Drizzle relations of the questions tables, for `db.query.*`. Kept apart from
 * questions.ts because they name tables of other domains: table files import only
 * columns.ts and the table files below them, so no import makes a cycle.
 */
import { relations } from "drizzle-orm";
import { organisations, people } from "./people";
import { agendaItems, minutes, documents } from "./meetings";
import { recommendations } from "./oversight";
import { questions, responses, actions, actionUpdates } from "./questions";

export const questionsRelations = relations(questions, ({ one, many }) => ({
  agendaItem: one(agendaItems, { fields: [questions.agendaItemId], references: [agendaItems.id] }),
  askedBy: one(people, { fields: [questions.askedById], references: [people.id] }),
  addressedTo: one(organisations, { fields: [questions.addressedToId], references: [organisations.id] }),
  parent: one(questions, {
    fields: [questions.parentQuestionId],
    references: [questions.id],
    relationName: "supplementaries",
  }),
  supplementaries: many(questions, { relationName: "supplementaries" }),
  responses: many(responses),
  actions: many(actions),
}));

export const responsesRelations = relations(responses, ({ one }) => ({
  question: one(questions, { fields: [responses.questionId], references: [questions.id] }),
  respondedBy: one(people, { fields: [responses.respondedById], references: [people.id] }),
  organisation: one(organisations, { fields: [responses.organisationId], references: [organisations.id] }),
}));

export const actionsRelations = relations(actions, ({ one, many }) => ({
  question: one(questions, { fields: [actions.questionId], references: [questions.id] }),
  response: one(responses, { fields: [actions.responseId], references: [responses.id] }),
  minute: one(minutes, { fields: [actions.minuteId], references: [minutes.id] }),
  recommendation: one(recommendations, {
    fields: [actions.recommendationId],
    references: [recommendations.id],
  }),
  owningOrganisation: one(organisations, {
    fields: [actions.owningOrganisationId],
    references: [organisations.id],
  }),
  owner: one(people, { fields: [actions.ownerId], references: [people.id] }),
  closureEvidenceDocument: one(documents, { fields: [actions.closureEvidenceDocumentId], references: [documents.id] }),
  updates: many(actionUpdates),
}));

export const actionUpdatesRelations = relations(actionUpdates, ({ one }) => ({
  action: one(actions, { fields: [actionUpdates.actionId], references: [actions.id] }),
}));
