/**
 * Which migration a database is at, named as the journal names it: drizzle records each
 * applied migration in drizzle.__drizzle_migrations with the journal's `when` (created_at).
 */
import fs from "node:fs";
import path from "node:path";

export interface MigrationId {
  tag: string;
  when: number;
}

const JOURNAL = path.resolve(process.cwd(), "db", "migrations", "meta", "_journal.json");

/** The migrations this version of the portal carries, oldest first. */
export function knownMigrations(): MigrationId[] {
  const journal = JSON.parse(fs.readFileSync(JOURNAL, "utf8")) as { entries: { tag: string; when: number }[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

export const LATEST_MIGRATION_SQL =
  "select max(created_at)::text as when from drizzle.__drizzle_migrations";

/** The migration a database is at, from `select max(created_at)` on its migrations table. */
export function migrationAt(when: string | number | null | undefined): MigrationId {
  if (when === null || when === undefined) throw new Error("The database has no migrations applied: there is nothing to back up.");
  const at = Number(when);
  const known = knownMigrations().find((m) => m.when === at);
  return known ?? { tag: `unknown-${at}`, when: at };
}
