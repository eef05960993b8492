/**
 * The search domain's table (docs/decisions/047-one-search-index.md): one row per searchable
 * record (an exempt agenda item has two: its content, and its public title), kept in step with
 * the records by database triggers in the same transaction (migration 0028). It holds what a
 * search needs in one place: the text, its weighted vectors, the date to sort by, the body, the
 * link, and the inputs to visibility (app/rules/visibility.server.ts decides, from them, who
 * sees the row).
 */
import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tstz, tsvector } from "./columns";

export const SEARCH_ENTRY_KINDS = [
  "agenda_item",
  "minute",
  "decision",
  "document",
  "annual_review",
  "question",
  "response",
  "action",
  "recommendation",
  "topic",
] as const;

export const searchEntries = pgTable(
  "search_entries",
  {
    kind: text({ enum: SEARCH_ENTRY_KINDS }).notNull(),
    recordId: uuid().notNull(),
    /** False only for an exempt agenda item's public-title row: seen by those who may not read the item in full. */
    fullContent: boolean().notNull().default(true),
    /** Whether the public (anyone not signed in) sees the row: every draft, exempt and origin rule for the public viewer, precomputed. */
    publicVisible: boolean().notNull(),
    /** Published: no draft stands between the record and the public (meeting agenda, item, minutes, document). */
    published: boolean().notNull(),
    /** The record is, or hangs from, an exempt (Schedule 12A) agenda item. */
    exempt: boolean().notNull().default(false),
    /** The title shown. */
    title: text().notNull(),
    /** The text matched at weight A (a title, a reference, a question). */
    searchTitle: text().notNull().default(""),
    /** The text matched at weight B, and cut into snippets. */
    searchBody: text().notNull().default(""),
    sortAt: tstz(),
    datePrecision: text(),
    bodySlug: text(),
    bodyName: text(),
    /** What the record's link is made from (app/models/search/results.server.ts hrefFor). */
    linkKey: text().notNull(),
    /** The agenda item the record hangs from (items, minutes, decisions, questions, responses). */
    itemId: uuid(),
    questionId: uuid(),
    /** The facts a status is computed from (actions, decisions, recommendations). */
    facts: jsonb(),
    titleVector: tsvector().generatedAlwaysAs(sql.raw(`setweight(to_tsvector('english'::regconfig, "search_title"), 'A')`)),
    search: tsvector().generatedAlwaysAs(
      sql.raw(`setweight(to_tsvector('english'::regconfig, "search_title"), 'A') || setweight(to_tsvector('english'::regconfig, "search_body"), 'B')`),
    ),
    /**
     * Each pair of adjacent words of `search` as one lexeme ('social~work'), from the same
     * positions (`search_pairs()`, migration 0032): a quoted phrase is looked up by its pairs,
     * which are rare where its words are common (docs/decisions/051-search-plans-from-word-frequencies.md).
     */
    phrasePairs: tsvector().generatedAlwaysAs(
      sql.raw(`search_pairs(to_tsvector('english'::regconfig, "search_title") || to_tsvector('english'::regconfig, "search_body"))`),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.recordId, t.fullContent] }),
    index("search_entries_record_idx").on(t.recordId),
    // Most recent first, nulls last: a common word's matches are read in this order, stopping at the page.
    index("search_entries_recent_idx").on(t.sortAt.desc().nullsLast()),
    // The same within one kind or one body, for a search filtered by either.
    index("search_entries_kind_recent_idx").on(t.kind, t.sortAt.desc().nullsLast()),
    index("search_entries_body_recent_idx").on(t.bodySlug, t.sortAt.desc().nullsLast()),
    index("search_entries_title_idx").using("gin", t.titleVector),
    index("search_entries_pairs_idx").using("gin", t.phrasePairs),
  ],
);
