/**
 * What the 503 page tells a person whose form met a database fault
 * (docs/decisions/026-faults-draining-several-servers.md): either nothing was
 * stored (no transaction of the request had reached its COMMIT, so PostgreSQL
 * rolled it back), or the portal cannot tell (the connection went while a COMMIT
 * was on its way). Shared by the server, which decides, and the error page.
 */
export const WRITE_NOT_SAVED = "write-not-saved";
export const WRITE_OUTCOME_UNKNOWN = "write-outcome-unknown";
export type WriteOutcome = typeof WRITE_NOT_SAVED | typeof WRITE_OUTCOME_UNKNOWN;
