/**
 * Search across every kind of record, with phrases, OR and exclusions, returning only what the
 * viewer may see.
 * Visibility is the rules' (app/rules/visibility.server.ts); this domain builds the query.
 */
export * from "./matches.server";
export * from "./results.server";
export * from "./search.server";
