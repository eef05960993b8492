/**
 * Meetings: meetings, agenda items, minutes, documents and their files,
 * attendance, declarations of interest and minute amendments.
 * Tables only: their relations are in meetings.relations.ts.
 */
import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, text, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt, bytea, tsvector, weighted, DATE_PRECISIONS } from "./columns";
import { organisations, bodies, people, users } from "./people";

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
    /**
     * How precisely the sources give agendaPublishedAt: "unknown" where a source
     * says the agenda is public but not when it was published (the stored instant
     * then only marks it published, and no surface shows it: app/rules/date-precision.server.ts).
     */
    agendaPublishedPrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    /** s100B(4)(b): why an agenda was published after the statutory deadline. */
    urgencyReason: text(),
    minutesPublishedAt: tstz(),
    /** As agendaPublishedPrecision, for minutesPublishedAt. */
    minutesPublishedPrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
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
    /**
     * How precisely publishedAt is known: "unknown" where the sources do not say
     * when the document was published (publishedAt then only marks it public).
     */
    publishedPrecision: text({ enum: DATE_PRECISIONS }).notNull().default("exact"),
    /** Annual reviews: the year reviewed and the agenda item where it was presented. */
    reviewYear: integer(),
    /** Annual reviews: the period reviewed in the source's own words. */
    reviewPeriod: text(),
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
