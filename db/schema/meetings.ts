/**
 * Meetings: meetings, agenda items, minutes, documents and their files,
 * attendance, declarations of interest and minute amendments.
 * Tables only: their relations are in meetings.relations.ts.
 */
import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt, bytea, tsvector, weighted, DATE_PRECISIONS } from "./columns";
import { organisations, bodies, people, users } from "./people";

// ---------------------------------------------------------------------------
// Meetings, agenda items, minutes
// ---------------------------------------------------------------------------

/** What a clerk records; "held" is derived for a past meeting that was not cancelled. */
export const MEETING_STATUSES = ["scheduled", "confirmed", "postponed", "cancelled", "held"] as const;
export const ATTENDANCE_MODES = ["in_person", "online", "hybrid"] as const;
/** A meeting's webcast: live (streamed as it happens) or archived (a recording). */
export const RECORDING_KINDS = ["live", "archived"] as const;

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
    /** The item of the approving meeting's agenda at which they were approved (the minutes of the previous meeting). */
    minutesApprovedAtItemId: uuid().references((): AnyPgColumn => agendaItems.id, { onDelete: "set null" }),
    /** For imported records: the source does not say whether the minutes were approved. */
    minutesApprovalUnknown: boolean().notNull().default(false),
    /** Provenance for imported meetings. */
    sourceNote: text(),
    /** The webcast or recording (http(s) only: app/rules/recording.server.ts); null: none. */
    recordingUrl: text(),
    recordingKind: text({ enum: RECORDING_KINDS }),
    /** The recording's length in seconds, where the clerk gives it (item offsets must fall within it). */
    recordingLengthSeconds: integer(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.bodyId),
    index().on(t.startsAt),
    index().on(t.minutesApprovedAtMeetingId),
    index().on(t.minutesApprovedAtItemId),
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
    /** When the clerk will review whether the item must stay exempt (ADR 034); shown to the public. */
    exemptReviewOn: date({ mode: "string" }),
    /** Set when a clerk releases an exempt item after review: it is no longer exempt, and its pages say so. */
    releasedAt: tstz(),
    releasedById: uuid().references((): AnyPgColumn => users.id),
    /** Null while the item is a draft; items published after the agenda form a supplementary agenda. */
    publishedAt: tstz(),
    /** Where this item starts in the meeting's recording, in seconds from its start. */
    recordingOffsetSeconds: integer(),
    version: integer().notNull().default(1),
    search: tsvector().generatedAlwaysAs(weighted([[["title"], "A"], [["purpose", "body"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.meetingId),
    index().on(t.parentId),
    index().on(t.leadOfficerId),
    index().on(t.releasedById),
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

export const FILE_TEXT_STATUSES = ["pending", "extracted", "no_text", "failed"] as const;

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
    /**
     * Reading the file's text (PDF and Word only; null for other types), in the
     * background (docs/decisions/048-text-of-uploaded-papers.md): pending, then
     * extracted, no_text (a PDF with no text layer: a scan) or failed, with a plain note.
     */
    textStatus: text({ enum: FILE_TEXT_STATUSES }),
    textNote: text(),
    /** A worker's claim on the extraction (as the outbox claims an e-mail). */
    textClaimedUntil: tstz(),
    textAttempts: integer().notNull().default(0),
    pageCount: integer(),
    /** A PDF's document title (Info Title) and language (catalog Lang) are set: null until read, and for other types. */
    pdfHasTitle: boolean(),
    pdfHasLanguage: boolean(),
    /**
     * The reader that read the text (its libraries' versions): a file read by an older one is
     * read again in the background, its old text shown until the new is stored. Null: not
     * known (read before this was recorded), so read again too.
     */
    textReadBy: text(),
  },
  (t) => [
    index().on(t.documentId),
    index().on(t.uploadedById),
    index("document_files_text_pending_idx").on(t.createdAt).where(sql`${t.textStatus} = 'pending' and ${t.supersededAt} is null`),
  ],
);

/** The text read from a file, page by page (a Word document's text is one page). */
export const documentTextPages = pgTable(
  "document_text_pages",
  {
    id: id(),
    documentFileId: uuid()
      .notNull()
      .references(() => documentFiles.id, { onDelete: "cascade" }),
    pageNumber: integer().notNull(),
    text: text().notNull(),
    search: tsvector().generatedAlwaysAs(weighted([[["text"], "C"]])),
  },
  (t) => [
    uniqueIndex().on(t.documentFileId, t.pageNumber),
    index("document_text_pages_search_idx").using("gin", t.search),
  ],
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
  (t) => [
    index().on(t.meetingId),
    index().on(t.personId),
    index().on(t.substituteForId),
    // A person is on a meeting's register once (the register posted twice changes nothing).
    uniqueIndex("meeting_attendance_meeting_person_key").on(t.meetingId, t.personId),
  ],
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

// ---------------------------------------------------------------------------
// Decisions (issue 18 item 4, ADR 034)
// ---------------------------------------------------------------------------

/**
 * A resolution recorded in an item's minute, as a record of its own. Its date and
 * its maker (the body) are the meeting's; its status is derived by
 * app/rules/decision-status.server.ts from the call-in dates recorded here.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    agendaItemId: uuid()
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    /** Order among the item's decisions. */
    position: integer().notNull().default(0),
    /** Markdown: what was resolved, in the minute's words. */
    text: text().notNull(),
    /** Markdown: the reasons, where the minute gives them. */
    reasons: text().notNull().default(""),
    /** An executive decision: the last day it may be called in. Null where call-in does not apply. */
    callInUntil: date({ mode: "string" }),
    calledInOn: date({ mode: "string" }),
    implementedOn: date({ mode: "string" }),
    /** Provenance for imported decisions. */
    sourceNote: text(),
    version: integer().notNull().default(1),
    search: tsvector().generatedAlwaysAs(weighted([[["text"], "A"], [["reasons"], "B"]])),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.agendaItemId), index("decisions_search_idx").using("gin", t.search)],
);
