/**
 * A fresh, migrated database for one test file, kept for the worker's next file once emptied
 * (docs/decisions/055-one-test-database-per-worker.md):
 * - PostgreSQL (DATABASE_URL): a database of the worker's own, a copy of the migrated template
 *   (tests/support/global-setup.ts, which drops every copy at the end). When a file ends, every
 *   other connection to it is ended (as `drop database ... with (force)` did), the rows of the
 *   tables the file wrote to are deleted (FOREIGN KEY and append-only triggers off:
 *   session_replication_role = replica) and the tables vacuumed back to no page, as fresh ones,
 *   and its sequences restarted; a file that changed its schema gets it dropped instead, and the
 *   next file a new copy.
 *   Kept only where files share a worker (TEST_FILES_SHARE_WORKERS, set by tests/run.mjs for
 *   `npm test`'s shared run); a file run in a process of its own drops its copy at its end.
 * - Embedded: the worker's in-memory PGlite, emptied likewise (support/embedded-database.ts).
 * The database module reads DATABASE_URL / PGLITE_DIR lazily, so setting them here,
 * before anything touches the database, points the whole app at the fresh one.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { lendWorkerDatabase } from "./embedded-database";
import { FINGERPRINT, SEQUENCES, WRITTEN_TABLES } from "./emptied-database";

interface WorkerDatabase {
  adminUrl: string;
  name: string;
  url: string;
  /** The migrated schema's fingerprint and the statements that restart its sequences. */
  known: { fingerprint: string; sequences: string };
}

/** The worker's PostgreSQL database (kept across files: `npm test` runs them with --no-isolate). */
let kept: WorkerDatabase | undefined;
/** Set while a file uses it. */
let inUse: WorkerDatabase | undefined;

/** The name of a copy: the run's (PORTAL_TEST_RUN, global-setup.ts) so its teardown finds every one. */
function copyName(run: string) {
  return `portal_test_${run}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
}

async function createCopy(base: string): Promise<WorkerDatabase> {
  const name = copyName(process.env.PORTAL_TEST_RUN ?? "norun");
  const template = process.env.PORTAL_TEST_TEMPLATE;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  if (!template) {
    const { migrateDatabase, closeDatabase } = await import("~/db.server");
    const { resetEnvForTests } = await import("~/env.server");
    resetEnvForTests();
    await migrateDatabase();
    await closeDatabase();
  }
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [{ fingerprint }] = await sql.unsafe<{ fingerprint: string }[]>(FINGERPRINT);
    const [{ sequences }] = await sql.unsafe<{ sequences: string }[]>(SEQUENCES);
    return { adminUrl: base, name, url: url.toString(), known: { fingerprint, sequences } };
  } finally {
    await sql.end();
  }
}

/** Empties the worker's database for its next file; false when it cannot be (it is then dropped). */
async function empty(database: WorkerDatabase): Promise<boolean> {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database.name} and pid <> pg_backend_pid()`;
    const { sequences, fingerprint } = database.known;
    const [{ tables }] = await sql.unsafe<{ tables: string }[]>(WRITTEN_TABLES);
    const deletes = tables ? tables.split(", ").map((table) => `delete from ${table}`) : [];
    await sql.unsafe(
      ["begin", "set local session_replication_role = replica", ...deletes, sequences, "commit"].filter(Boolean).join("; "),
    ).simple();
    // VACUUM gives the emptied tables' pages back (a table with none left is cut to no page at
    // all), which TRUNCATE did ten times slower; a table it could not cut fails the check below.
    if (tables) await sql.unsafe(`vacuum ${tables}`);
    const [{ tables: left }] = await sql.unsafe<{ tables: string }[]>(WRITTEN_TABLES);
    const [row] = await sql.unsafe<{ fingerprint: string }[]>(FINGERPRINT);
    return !left && row?.fingerprint === fingerprint;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function drop(database: WorkerDatabase) {
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${database.name}" with (force)`);
  } finally {
    await admin.end();
  }
}

export async function useFreshDatabase() {
  const base = process.env.DATABASE_URL;
  if (base) {
    if (kept?.adminUrl !== base) kept = await createCopy(base);
    inUse = kept;
    process.env.DATABASE_URL = kept.url;
  } else {
    process.env.PGLITE_DIR = "memory://";
    if (process.env.PGLITE_SNAPSHOT) await lendWorkerDatabase();
  }
  process.env.CONTENT_IMPORT_ON_START = "false";
  const { resetEnvForTests } = await import("~/env.server");
  resetEnvForTests();
  // The worker's in-memory PGlite is migrated already (support/embedded-database.ts).
  if (inUse || process.env.PGLITE_SNAPSHOT) return;
  const { migrateDatabase } = await import("~/db.server");
  await migrateDatabase();
}

/**
 * Whether the worker runs more files after this one (`npm test`'s shared run, with --no-isolate:
 * tests/run.mjs says so). Otherwise each file has a process of its own, and its copy is dropped
 * at its end rather than kept, unused, until the run's teardown.
 */
function filesShareWorkers() {
  return process.env.TEST_FILES_SHARE_WORKERS === "1";
}

export async function dropFreshDatabase() {
  const { closeDatabase } = await import("~/db.server");
  await closeDatabase();
  const database = inUse;
  inUse = undefined;
  if (!database) return;
  process.env.DATABASE_URL = database.adminUrl;
  if (filesShareWorkers() && (await empty(database))) return;
  if (kept === database) kept = undefined;
  await drop(database);
}
