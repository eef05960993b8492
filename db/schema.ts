/**
 * The whole portal's data, in one drizzle schema.
 *
 * Conventions (docs/decisions/002-database.md):
 * - camelCase keys over snake_case columns (drizzle `casing: "snake_case"`).
 * - uuid primary keys: stable ids for public links and the API.
 * - every timestamp is `timestamp with time zone`; calendar dates are `date`.
 * - an index on every foreign key.
 * - no status column holds something that can be computed: statuses, overdue,
 *   item numbers and deadlines are derived in app/rules/*.server.ts.
 */
import { relations, sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const id = () => uuid().primaryKey().defaultRandom();
const tstz = () => timestamp({ withTimezone: true, mode: "date" });
const createdAt = () => tstz().notNull().defaultNow();
const updatedAt = () => tstz().notNull().defaultNow();

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});

/** PostgreSQL full-text search vector, kept by a generated column (docs/decisions/007-search.md). */
const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return "tsvector";
  },
});

/** `setweight(to_tsvector('english', ...), W)` over raw column names, for generated columns. */
function weighted(parts: [string[], "A" | "B" | "C" | "D"][]) {
  return sql.raw(
    parts
      .map(
        ([cols, w]) =>
          `setweight(to_tsvector('english'::regconfig, ${cols.map((c) => `coalesce("${c}", '')`).join(" || ' ' || ")}), '${w}')`,
      )
      .join(" || "),
  );
}

/**
 * How sure a date is. "exact" dates come straight from a source; the others say
 * what the source leaves out, and pages show `dateNote` beside the date.
 */
export const DATE_PRECISIONS = ["exact", "month", "year", "approximate", "unknown"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

// ---------------------------------------------------------------------------
// Organisations, bodies, people
// ---------------------------------------------------------------------------

export const ORGANISATION_KINDS = ["council", "trust", "inspectorate", "partner", "other"] as const;

export const organisations = pgTable("organisations", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: ORGANISATION_KINDS }).notNull().default("other"),
  description: text().notNull().default(""),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const BODY_KINDS = ["board", "committee", "sub_committee", "panel"] as const;

export const bodies = pgTable(
  "bodies",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    kind: text({ enum: BODY_KINDS }).notNull().default("board"),
    description: text().notNull().default(""),
    /** The council (or other organisation) the body belongs to. */
    organisationId: uuid().references(() => organisations.id),
    /** What the sources do not say about this body (shown on its page). */
    sourceNote: text(),
    /** Working days an organisation has to answer a question raised at this body. */
    responseWorkingDays: integer().notNull().default(20),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const people = pgTable(
  "people",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    /** e.g. "Councillor", "Chief Executive" */
    honorific: text(),
    jobTitle: text(),
    organisationId: uuid().references(() => organisations.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const MEMBERSHIP_ROLES = ["chair", "vice_chair", "member", "co_opted", "substitute", "officer"] as const;

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id),
    role: text({ enum: MEMBERSHIP_ROLES }).notNull().default("member"),
    startOn: date({ mode: "string" }),
    endOn: date({ mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.personId), index().on(t.bodyId)],
);

// ---------------------------------------------------------------------------
// Meetings, agenda items, minutes
// ---------------------------------------------------------------------------

/** What a clerk records; "held" is derived for a past meeting that was not cancelled. */
export const MEETING_STATUSES = ["scheduled", "confirmed", "postponed", "cancelled", "held"] as const;
export const ATTENDANCE_MODES = ["in_person", "online", "hybrid"] as const;

export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    slug: text().notNull().unique(),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id),
    title: text().notNull(),
    startsAt: tstz().notNull(),
    endsAt: tstz(),
    datePrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    /** Shown beside an approximate date, e.g. "the minutes do not give the date". */
    dateNote: text(),
    venue: text(),
    /** Null where the source does not say. */
    attendanceMode: text({ enum: ATTENDANCE_MODES }).default("in_person"),
    status: text({ enum: MEETING_STATUSES }).notNull().default("scheduled"),
    statusReason: text(),
    /** Null while the agenda is a draft. */
    agendaPublishedAt: tstz(),
    /** s100B(4)(b): why an agenda was published after the statutory deadline. */
    urgencyReason: text(),
    minutesPublishedAt: tstz(),
    minutesApprovedAt: tstz(),
    minutesApprovedAtMeetingId: uuid().references((): AnyPgColumn => meetings.id),
    /** For imported records: the source does not say whether the minutes were approved. */
    minutesApprovalUnknown: boolean().notNull().default(false),
    /** Provenance for imported meetings. */
    sourceNote: text(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.bodyId),
    index().on(t.startsAt),
    index().on(t.minutesApprovedAtMeetingId),
  ],
);

/** Local Government Act 1972 Schedule 12A, paragraphs 1-7. */
export const EXEMPT_PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7] as const;

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: id(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    /** Sub-items (2.1, 2.2) point at their parent. */
    parentId: uuid().references((): AnyPgColumn => agendaItems.id, { onDelete: "cascade" }),
    /** Order among siblings; numbers (1, 2, 2.1) are derived from it, never stored. */
    position: integer().notNull(),
    title: text().notNull(),
    /** Markdown. */
    body: text().notNull().default(""),
    /** Markdown: the recommendation or purpose line ("Members to comment on and note ..."). */
    purpose: text().notNull().default(""),
    leadOfficerId: uuid().references(() => people.id),
    isExempt: boolean().notNull().default(false),
    exemptParagraph: integer(),
    exemptReason: text(),
    /** For an exempt item, the title the public sees. */
    publicTitle: text(),
    /** s100C(2): written after the meeting for an exempt item. */
    publicSummary: text(),
    /** Null while the item is a draft; items published after the agenda form a supplementary agenda. */
    publishedAt: tstz(),
    version: integer().notNull().default(1),
    search: tsvector().generatedAlwaysAs(weighted([[["title"], "A"], [["purpose", "body"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.meetingId),
    index().on(t.parentId),
    index().on(t.leadOfficerId),
    index("agenda_items_search_idx").using("gin", t.search),
  ],
);

export const minutes = pgTable(
  "minutes",
  {
    id: id(),
    agendaItemId: uuid()
      .notNull()
      .unique()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    /** Markdown: the discussion. */
    body: text().notNull().default(""),
    /** Markdown: resolutions and decisions. */
    decisions: text().notNull().default(""),
    version: integer().notNull().default(1),
    search: tsvector().generatedAlwaysAs(weighted([[["body", "decisions"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("minutes_search_idx").using("gin", t.search)],
);

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

export const DOCUMENT_KINDS = [
  "report",
  "letter",
  "inspection_report",
  "news_report",
  "annual_review",
  "minutes",
  "agenda",
  /** A file given as the closure evidence of an action (seen only where the action is). */
  "evidence",
  "other",
] as const;

export const documents = pgTable(
  "documents",
  {
    id: id(),
    slug: text().notNull().unique(),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    /** Markdown: the document as readable HTML. */
    body: text().notNull().default(""),
    /** Author organisation, e.g. Ofsted for a letter. */
    organisationId: uuid().references(() => organisations.id),
    /** Date on the document. */
    documentDate: date({ mode: "string" }),
    datePrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    dateNote: text(),
    /** Where the text came from (a citation, not a link we vouch for). */
    source: text(),
    sourceNote: text(),
    /** Null while a draft. */
    publishedAt: tstz(),
    /** Annual reviews: the year reviewed and the agenda item where it was presented. */
    reviewYear: integer(),
    presentedAtItemId: uuid().references((): AnyPgColumn => agendaItems.id),
    version: integer().notNull().default(1),
    search: tsvector().generatedAlwaysAs(weighted([[["title"], "A"], [["summary"], "B"], [["body"], "C"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.organisationId),
    index().on(t.documentDate),
    index().on(t.presentedAtItemId),
    index("documents_search_idx").using("gin", t.search),
    // Lists and the home page sort published documents newest first.
    index("documents_listing_idx")
      .on(t.documentDate.desc().nullsLast(), t.publishedAt.desc().nullsFirst())
      .where(sql`${t.publishedAt} is not null`),
  ],
);

export const agendaItemDocuments = pgTable(
  "agenda_item_documents",
  {
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.documentId] }), index().on(t.documentId)],
);

/** Uploaded files: stored in the database so one backup holds everything. */
export const documentFiles = pgTable(
  "document_files",
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    /** Replacing a file keeps the old one, marked superseded. */
    supersededAt: tstz(),
    uploadedById: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.documentId), index().on(t.uploadedById)],
);

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
// Questions, responses, actions
// ---------------------------------------------------------------------------

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
    position: integer().notNull().default(0),
    tabledOn: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }),
    dueChangeReason: text(),
    submittedAt: tstz().notNull().defaultNow(),
    acceptedAt: tstz(),
    rejectedAt: tstz(),
    rejectionReason: text(),
    closedAt: tstz(),
    closureReason: text(),
    sourceNote: text(),
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
    /** A holding response names when the full answer is expected. */
    expectedOn: date({ mode: "string" }),
    /** A correction is a new response that supersedes the earlier one. */
    supersedesId: uuid().references((): AnyPgColumn => responses.id),
    /** The member's view of the answer. */
    satisfactoryAt: tstz(),
    sourceNote: text(),
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
// Accounts, sessions, audit, outbox
// ---------------------------------------------------------------------------

export const ROLES = ["member", "officer", "clerk", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased. */
    email: text().notNull().unique(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** The person record (a member's or officer's public identity). */
    personId: uuid().references(() => people.id),
    /** An officer's organisation. */
    organisationId: uuid().references(() => organisations.id),
    passwordHash: text(),
    passwordChangedAt: tstz(),
    disabledAt: tstz(),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.personId), index().on(t.organisationId)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Sliding (idle) expiry, kept by lucia. */
    expiresAt: tstz().notNull(),
    /** Absolute expiry: createdAt + the absolute limit. */
    absoluteExpiresAt: tstz().notNull(),
    createdAt: createdAt(),
    ipAddress: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

/** Sign-in throttling by account and by address, shared by every app server. */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: tstz().notNull().defaultNow(),
  lockedUntil: tstz(),
});

export const TOKEN_PURPOSES = ["invite", "password_reset"] as const;

export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: id(),
    /** SHA-256 of the token; the token itself is only in the e-mail. */
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: TOKEN_PURPOSES }).notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    /** Makes sending idempotent: the same reminder is never queued twice. */
    dedupeKey: text().unique(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /**
     * Extra message headers, sent as they are (names and values checked by
     * queueEmail): e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on
     * every follow notification.
     */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    sentAt: tstz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index().on(t.sentAt)],
);

/** Append-only: the app has no update or delete path for it. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: tstz().notNull().defaultNow(),
    userId: uuid().references(() => users.id),
    /** e.g. "create", "update", "publish", "sign_in" */
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    ipAddress: text(),
  },
  (t) => [index().on(t.userId), index().on(t.entityType, t.entityId), index().on(t.at)],
);

/** Which content file produced which record, and the file's hash when last imported. */
export const contentSources = pgTable("content_sources", {
  path: text().primaryKey(),
  sha256: text().notNull(),
  entityType: text().notNull(),
  entityId: uuid().notNull(),
  importedAt: tstz().notNull().defaultNow(),
});

/** Key-value settings an admin can change (e.g. the clear-days rule). */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------------------
// Meetings: attendance, declarations of interest, minute approval (issue 4)
// ---------------------------------------------------------------------------

export const ATTENDANCE_ROLES = ["member", "substitute", "officer", "other"] as const;
export const ATTENDANCE_STATUSES = ["present", "apologies", "absent"] as const;

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    id: id(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    personId: uuid().references(() => people.id),
    /** Shown when the person has no record (e.g. an external officer). */
    name: text(),
    role: text({ enum: ATTENDANCE_ROLES }).notNull().default("member"),
    status: text({ enum: ATTENDANCE_STATUSES }).notNull().default("present"),
    /** A substitute attends in place of this member. */
    substituteForId: uuid().references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.meetingId), index().on(t.personId), index().on(t.substituteForId)],
);

export const INTEREST_KINDS = ["pecuniary", "other"] as const;

export const interestDeclarations = pgTable(
  "interest_declarations",
  {
    id: id(),
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    kind: text({ enum: INTEREST_KINDS }).notNull(),
    nature: text().notNull(),
    leftRoom: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.agendaItemId), index().on(t.personId)],
);

/** Amendments made when minutes are approved as a correct record at a later meeting. */
export const minuteAmendments = pgTable(
  "minute_amendments",
  {
    id: id(),
    minuteId: uuid()
      .notNull()
      .references(() => minutes.id, { onDelete: "cascade" }),
    approvedAtMeetingId: uuid()
      .notNull()
      .references(() => meetings.id),
    before: text().notNull(),
    after: text().notNull(),
    createdById: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.minuteId), index().on(t.approvedAtMeetingId), index().on(t.createdById)],
);

/**
 * Every version of an agenda item, minute or document (issue 4): the record's
 * public fields as they were, who changed them, when and why.
 */
export const REVISION_ENTITY_TYPES = ["agenda_item", "minute", "document", "meeting"] as const;

export const revisions = pgTable(
  "revisions",
  {
    id: id(),
    entityType: text({ enum: REVISION_ENTITY_TYPES }).notNull(),
    entityId: uuid().notNull(),
    version: integer().notNull(),
    data: jsonb().notNull(),
    /** Shown publicly as "updated on ...: reason" after publication. */
    reason: text(),
    authorId: uuid().references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.entityType, t.entityId, t.version), index().on(t.authorId)],
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
// Find and follow (issue 7)
// ---------------------------------------------------------------------------

/** Secret calendar feed tokens (stored hashed), revocable. */
export const feedTokens = pgTable(
  "feed_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    revokedAt: tstz(),
  },
  (t) => [index().on(t.userId)],
);

export const FOLLOW_TARGET_TYPES = ["body", "meeting", "question", "action", "priority"] as const;

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /** Lower-cased; for anonymous followers, confirmed by a link. */
    email: text().notNull(),
    targetType: text({ enum: FOLLOW_TARGET_TYPES }).notNull(),
    targetId: uuid().notNull(),
    confirmTokenHash: text().unique(),
    confirmExpiresAt: tstz(),
    confirmedAt: tstz(),
    /** The one-click unsubscribe link's token (hashed). */
    unsubscribeTokenHash: text().notNull().unique(),
    /**
     * Which token is live: 0 is the first (the HMAC of the id alone, as every
     * e-mail before 0008 carried it); each rotation adds one and the old link
     * stops working (docs/decisions/013-follow-tokens-per-subscription.md).
     */
    tokenVersion: integer().notNull().default(0),
    unsubscribedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId), index().on(t.targetType, t.targetId), index().on(t.email)],
);

/** Fixed-window request counts for the API, shared by every app server. */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: tstz().notNull(),
  count: integer().notNull().default(0),
});

// ---------------------------------------------------------------------------
// Relations
// ---------------------------------------------------------------------------

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

export const documentFilesRelations = relations(documentFiles, ({ one }) => ({
  document: one(documents, { fields: [documentFiles.documentId], references: [documents.id] }),
}));

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

export const usersRelations = relations(users, ({ one, many }) => ({
  person: one(people, { fields: [users.personId], references: [people.id] }),
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  sessions: many(sessions),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

