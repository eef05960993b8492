/**
 * The record of the record: the append-only audit log, revisions of edited records, and the
 * portal's settings (the statutory clock rule).
 * Every other domain writes here in the same transaction as its change; routes get the
 * database handle here, to pass to model functions.
 */
export * from "./audit.server";
export * from "./database.server";
export * from "./generated-files.server";
export * from "./revisions.server";
export * from "./settings.server";
