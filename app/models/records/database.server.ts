/**
 * The database handle, for routes and handlers: they hold it only to pass it to
 * model functions, or to run several of them in one transaction. They never build
 * a query themselves (no drizzle-orm, no db/schema: see .dependency-cruiser.cjs).
 */
export { db, type Executor } from "../../db.server";
