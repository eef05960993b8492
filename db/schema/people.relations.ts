/**
 * Drizzle relations of the people tables, for `db.query.*`. Kept apart from
 * people.ts because they name tables of other domains: table files import only
 * columns.ts and the table files below them, so no import makes a cycle.
 */
import { relations } from "drizzle-orm";
import { organisations, bodies, people, memberships, users, sessions, twoStepFactors, recoveryCodes } from "./people";
import { meetings } from "./meetings";

export const organisationsRelations = relations(organisations, ({ many }) => ({
  bodies: many(bodies),
  people: many(people),
}));

export const bodiesRelations = relations(bodies, ({ one, many }) => ({
  organisation: one(organisations, { fields: [bodies.organisationId], references: [organisations.id] }),
  meetings: many(meetings),
  memberships: many(memberships),
}));

export const peopleRelations = relations(people, ({ one, many }) => ({
  organisation: one(organisations, { fields: [people.organisationId], references: [organisations.id] }),
  memberships: many(memberships),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  person: one(people, { fields: [memberships.personId], references: [people.id] }),
  body: one(bodies, { fields: [memberships.bodyId], references: [bodies.id] }),
}));

export const usersRelations = relations(users, ({ one, many }) => ({
  person: one(people, { fields: [users.personId], references: [people.id] }),
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  sessions: many(sessions),
  twoStepFactor: one(twoStepFactors),
  recoveryCodes: many(recoveryCodes),
}));

export const twoStepFactorsRelations = relations(twoStepFactors, ({ one }) => ({
  user: one(users, { fields: [twoStepFactors.userId], references: [users.id] }),
}));

export const recoveryCodesRelations = relations(recoveryCodes, ({ one }) => ({
  user: one(users, { fields: [recoveryCodes.userId], references: [users.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
