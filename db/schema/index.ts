/**
 * The whole portal's data, in one drizzle schema: one file of tables per domain
 * (as app/models/<domain>), with its relations beside it in <domain>.relations.ts.
 * drizzle-kit reads this file (db/drizzle.config.ts); the app imports it as "db/schema".
 *
 * Conventions (docs/decisions/002-database.md):
 * - camelCase keys over snake_case columns (drizzle `casing: "snake_case"`).
 * - uuid primary keys: stable ids for public links and the API.
 * - every timestamp is `timestamp with time zone`; calendar dates are `date`.
 * - an index on every foreign key.
 * - no status column holds something that can be computed: statuses, overdue,
 *   item numbers and deadlines are derived in app/rules/*.server.ts.
 */
export { DATE_PRECISIONS, type DatePrecision } from "./columns";
export * from "./people";
export * from "./meetings";
export * from "./oversight";
export * from "./questions";
export * from "./records";
export * from "./publishing";
export * from "./search";
export * from "./people.relations";
export * from "./meetings.relations";
export * from "./oversight.relations";
export * from "./questions.relations";
