/**
 * Drizzle relations of the meetings tables, for `db.query.*`. Kept apart from
 * meetings.ts because they name tables of other domains: table files import only
 * columns.ts and the table files below them, so no import makes a cycle.
 */
import { relations } from "drizzle-orm";
import { organisations, bodies, people } from "./people";
import { meetings, agendaItems, minutes, documents, agendaItemDocuments, documentFiles, documentTextPages } from "./meetings";
import { agendaItemPriorities } from "./oversight";
import { questions } from "./questions";

export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  body: one(bodies, { fields: [meetings.bodyId], references: [bodies.id] }),
  agendaItems: many(agendaItems),
}));

export const agendaItemsRelations = relations(agendaItems, ({ one, many }) => ({
  meeting: one(meetings, { fields: [agendaItems.meetingId], references: [meetings.id] }),
  parent: one(agendaItems, {
    fields: [agendaItems.parentId],
    references: [agendaItems.id],
    relationName: "subItems",
  }),
  subItems: many(agendaItems, { relationName: "subItems" }),
  leadOfficer: one(people, { fields: [agendaItems.leadOfficerId], references: [people.id] }),
  minute: one(minutes),
  documents: many(agendaItemDocuments),
  priorities: many(agendaItemPriorities),
  questions: many(questions),
}));

export const minutesRelations = relations(minutes, ({ one }) => ({
  agendaItem: one(agendaItems, { fields: [minutes.agendaItemId], references: [agendaItems.id] }),
}));

export const documentsRelations = relations(documents, ({ one, many }) => ({
  organisation: one(organisations, { fields: [documents.organisationId], references: [organisations.id] }),
  agendaItems: many(agendaItemDocuments),
  files: many(documentFiles),
}));

export const agendaItemDocumentsRelations = relations(agendaItemDocuments, ({ one }) => ({
  agendaItem: one(agendaItems, { fields: [agendaItemDocuments.agendaItemId], references: [agendaItems.id] }),
  document: one(documents, { fields: [agendaItemDocuments.documentId], references: [documents.id] }),
}));

export const documentFilesRelations = relations(documentFiles, ({ one, many }) => ({
  document: one(documents, { fields: [documentFiles.documentId], references: [documents.id] }),
  textPages: many(documentTextPages),
}));

export const documentTextPagesRelations = relations(documentTextPages, ({ one }) => ({
  file: one(documentFiles, { fields: [documentTextPages.documentFileId], references: [documentFiles.id] }),
}));
