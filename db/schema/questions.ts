/**
 * Questions: questions, responses, actions, their updates and cancellation
 * requests, the facts a question's status needs, and links to priorities and
 * recommendations. Tables only: their relations are in questions.relations.ts.
 */
import { boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, tstz, createdAt, updatedAt, tsvector, weighted, DATE_PRECISIONS } from "./columns";
import { organisations, people, users } from "./people";
import { agendaItems, minutes, documents } from "./meetings";
import { priorities, recommendations } from "./oversight";

// ---------------------------------------------------------------------------
// Questions, responses, actions
// ---------------------------------------------------------------------------

/** Statuses a source may state for an imported question (docs/decisions/021-attribution-and-status-basis.md). */
export const QUESTION_SOURCE_STATUSES = ["answered_at_meeting"] as const;

export const questions = pgTable(
  "questions",
  {
    id: id(),
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id),
    /** The member who asked; null where the minutes do not say who. */
    askedById: uuid().references(() => people.id),
    addressedToId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** A supplementary question points at the first. */
    parentQuestionId: uuid().references((): AnyPgColumn => questions.id),
    text: text().notNull(),
    /** True where the minutes record only the response and the question is our neutral summary. */
    isSummarised: boolean().notNull().default(false),
    raisedAtMeeting: boolean().notNull().default(false),
    /**
     * Recorded by a clerk after the fact (a question raised at a past meeting, entered later with its true
     * tabled and due dates): its due date may already be past (docs/decisions/037).
     */
    enteredAfterTheFact: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    tabledOn: date({ mode: "string" }).notNull(),
    /** The question's own: an imported question raised at a meeting known only to the year is "year"; one raised here is "exact". */
    tabledOnPrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    dueOn: date({ mode: "string" }),
    dueChangeReason: text(),
    submittedAt: tstz().notNull().defaultNow(),
    acceptedAt: tstz(),
    rejectedAt: tstz(),
    rejectionReason: text(),
    closedAt: tstz(),
    closureReason: text(),
    sourceNote: text(),
    /**
     * The status a source states for an imported question (e.g. the minutes record an answer given at the
     * meeting and no follow-up), with the source's words in sourceStatusNote; null for questions recorded in the
     * portal. The status rules (app/rules/status.server.ts) use it; docs/decisions/021.
     */
    sourceStatus: text({ enum: QUESTION_SOURCE_STATUSES }),
    sourceStatusNote: text(),
    search: tsvector().generatedAlwaysAs(weighted([[["text"], "A"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.agendaItemId),
    index().on(t.askedById),
    index().on(t.addressedToId),
    index().on(t.parentQuestionId),
    index().on(t.dueOn),
    index().on(t.tabledOn),
    index("questions_search_idx").using("gin", t.search),
  ],
);

export const RESPONSE_KINDS = ["holding", "full"] as const;

export const responses = pgTable(
  "responses",
  {
    id: id(),
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    kind: text({ enum: RESPONSE_KINDS }).notNull().default("full"),
    /** Markdown. */
    body: text().notNull(),
    respondedById: uuid().references(() => people.id),
    organisationId: uuid().references(() => organisations.id),
    respondedAt: tstz().notNull().defaultNow(),
    /** How precisely the sources give respondedAt (app/rules/date-precision.server.ts). */
    respondedAtPrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    /** A holding response names when the full answer is expected. */
    expectedOn: date({ mode: "string" }),
    /** A correction is a new response that supersedes the earlier one. */
    supersedesId: uuid().references((): AnyPgColumn => responses.id),
    /** The member's view of the answer. */
    satisfactoryAt: tstz(),
    sourceNote: text(),
    /**
     * Set when the source does not name who made the response: why it is recorded as organisationId's
     * (shown wherever the response appears; docs/decisions/021). Null: the responder is as recorded.
     */
    attributionNote: text(),
    search: tsvector().generatedAlwaysAs(weighted([[["body"], "B"]])),
    createdAt: createdAt(),
  },
  (t) => [
    index("responses_search_idx").using("gin", t.search),
    index().on(t.questionId),
    index().on(t.respondedById),
    index().on(t.organisationId),
    index().on(t.supersedesId),
  ],
);

export const actions = pgTable(
  "actions",
  {
    id: id(),
    reference: text(),
    description: text().notNull(),
    questionId: uuid().references(() => questions.id),
    responseId: uuid().references(() => responses.id),
    minuteId: uuid().references(() => minutes.id),
    recommendationId: uuid().references(() => recommendations.id),
    owningOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    ownerId: uuid().references(() => people.id),
    dueOn: date({ mode: "string" }).notNull(),
    startedAt: tstz(),
    completedAt: tstz(),
    closureEvidence: text(),
    /** An uploaded file given as closure evidence (text and/or a document). */
    closureEvidenceDocumentId: uuid().references(() => documents.id),
    cancelledAt: tstz(),
    cancellationReason: text(),
    search: tsvector().generatedAlwaysAs(weighted([[["reference"], "A"], [["description"], "B"], [["closure_evidence"], "C"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("actions_search_idx").using("gin", t.search),
    index().on(t.questionId),
    index().on(t.responseId),
    index().on(t.minuteId),
    index().on(t.recommendationId),
    index().on(t.owningOrganisationId),
    index().on(t.ownerId),
    index().on(t.dueOn),
    index().on(t.closureEvidenceDocumentId),
  ],
);

/**
 * Facts a question's status needs that live in other tables (its current
 * responses and its actions), kept up to date by database triggers in the same
 * transaction as the change (migration 0006). The registers filter, sort and
 * page by status in SQL with them (app/rules/status.server.ts, statusSql).
 */
export const questionStatusFacts = pgTable("question_status_facts", {
  questionId: uuid()
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  /** A full response that no correction supersedes. */
  hasFullResponse: boolean().notNull().default(false),
  /** A holding response that no correction supersedes. */
  hasHoldingResponse: boolean().notNull().default(false),
  /** Actions neither completed nor cancelled. */
  openActions: integer().notNull().default(0),
  /** The earliest full response (superseded or not). */
  firstFullResponseAt: tstz(),
  /** The latest completion or cancellation of its actions. */
  lastActionEndedAt: tstz(),
});

export const CANCELLATION_DECISIONS = ["confirmed", "refused"] as const;

/**
 * An officer's request to cancel an action the board agreed in a minute: the
 * clerk confirms (the action is cancelled) or refuses it
 * (docs/decisions/014-cancelling-a-board-agreed-action.md).
 */
export const actionCancellationRequests = pgTable(
  "action_cancellation_requests",
  {
    id: id(),
    actionId: uuid()
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    requestedById: uuid().references((): AnyPgColumn => users.id),
    requestedAt: tstz().notNull().defaultNow(),
    decision: text({ enum: CANCELLATION_DECISIONS }),
    decisionNote: text(),
    decidedById: uuid().references((): AnyPgColumn => users.id),
    decidedAt: tstz(),
  },
  (t) => [index().on(t.actionId), index().on(t.requestedById), index().on(t.decidedById)],
);

/**
 * A clerk's reminder ("chase") to whoever must answer a question or complete an action: at most one
 * per record per day, which the unique indexes enforce, so a double submit or two servers cannot
 * send two (docs/decisions/037). Exactly one of questionId and actionId is set.
 */
export const chases = pgTable(
  "chases",
  {
    id: id(),
    questionId: uuid().references(() => questions.id, { onDelete: "cascade" }),
    actionId: uuid().references(() => actions.id, { onDelete: "cascade" }),
    /** The day (Europe/London) it was sent. */
    chasedOn: date({ mode: "string" }).notNull(),
    chasedById: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chases_question_day_idx").on(t.questionId, t.chasedOn),
    uniqueIndex("chases_action_day_idx").on(t.actionId, t.chasedOn),
    index().on(t.chasedById),
    check("chases_one_record", sql`(${t.questionId} is null) <> (${t.actionId} is null)`),
  ],
);

export const actionUpdates = pgTable(
  "action_updates",
  {
    id: id(),
    actionId: uuid()
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    note: text().notNull(),
    authorId: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.actionId), index().on(t.authorId)],
);

// ---------------------------------------------------------------------------
// Links to priorities and recommendations (issues 5 and 6)
// ---------------------------------------------------------------------------

export const questionPriorities = pgTable(
  "question_priorities",
  {
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    priorityId: uuid()
      .notNull()
      .references(() => priorities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.priorityId] }), index().on(t.priorityId)],
);

export const questionRecommendations = pgTable(
  "question_recommendations",
  {
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    recommendationId: uuid()
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.recommendationId] }), index().on(t.recommendationId)],
);

export const actionPriorities = pgTable(
  "action_priorities",
  {
    actionId: uuid()
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    priorityId: uuid()
      .notNull()
      .references(() => priorities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.priorityId] }), index().on(t.priorityId)],
);
