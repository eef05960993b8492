/**
 * The tests' in-memory embedded database: one PGlite per worker process, lent to the portal
 * (app/db.server.ts, lendPgliteForTests) by every test file the worker runs, instead of one
 * started per file (docs/decisions/055-one-test-database-per-worker.md).
 *
 * - It starts from the migrated snapshot (PGLITE_SNAPSHOT, tests/support/global-setup.ts) when
 *   a file first uses the database: pure unit-test files never pay for one.
 * - When the file closes the database, it is emptied for the next file: the session reset
 *   (DISCARD ALL: settings, LISTEN, prepared statements, temporary tables), every table of the
 *   portal's own that the file wrote to truncated (the append-only triggers do not fire under
 *   session_replication_role = replica), its sequences restarted. The migrations' own table is left as it is.
 * - Then its schema is compared with the snapshot's. A file that changed it, left a transaction
 *   open or closed the database itself has its database closed: the next file gets a new one.
 *
 * Starting a PGlite from the snapshot took about 1 s of CPU; emptying one takes about 0.1 s.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { LentPglite } from "~/db.server";
import { FINGERPRINT, SEQUENCES, WRITTEN_TABLES } from "./emptied-database";

let compiled: { pgliteWasmModule: WebAssembly.Module; fsBundle: Blob } | undefined;

/** PGlite's WebAssembly compiled, and its file bundle read, once a process. */
function pgliteAssets() {
  if (!compiled) {
    const dist = path.dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
    compiled = {
      pgliteWasmModule: new WebAssembly.Module(fs.readFileSync(path.join(dist, "pglite.wasm"))),
      fsBundle: new Blob([fs.readFileSync(path.join(dist, "pglite.data"))]),
    };
  }
  return compiled;
}

interface WorkerDatabase {
  client: PGlite;
  /** The snapshot's schema fingerprint and the statements that restart its sequences, read when the database starts. */
  known: Promise<{ fingerprint: string; sequences: string }>;
}

let current: WorkerDatabase | undefined;

function start(snapshot: string): WorkerDatabase {
  const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]), ...pgliteAssets() });
  const known = (async () => {
    const { rows: fingerprint } = await client.query<{ fingerprint: string }>(FINGERPRINT);
    const { rows: sequences } = await client.query<{ sequences: string }>(SEQUENCES);
    return { fingerprint: fingerprint[0].fingerprint, sequences: sequences[0].sequences };
  })();
  known.catch(() => {});
  return { client, known };
}

/** Empties the database for the worker's next file; false when it cannot be (it is then closed). */
async function empty(database: WorkerDatabase): Promise<boolean> {
  const { client } = database;
  try {
    if (client.closed) return false;
    const { fingerprint, sequences } = await database.known;
    // DISCARD ALL cannot run inside a transaction block: a file that left one open fails here.
    await client.exec("discard all");
    const { rows } = await client.query<{ tables: string }>(WRITTEN_TABLES);
    const tables = rows[0]?.tables;
    await client.exec(
      [
        "set session_replication_role = replica",
        tables && `truncate ${tables} cascade`,
        sequences,
        "set session_replication_role = default",
      ]
        .filter(Boolean)
        .join("; "),
    );
    const { rows: now } = await client.query<{ fingerprint: string }>(FINGERPRINT);
    return now[0]?.fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/** The worker's database, lent to the portal until it closes it (then emptied for the next file). */
function lend(): LentPglite {
  const snapshot = process.env.PGLITE_SNAPSHOT;
  if (!snapshot) throw new Error("PGLITE_SNAPSHOT is not set: tests/support/global-setup.ts makes it");
  const database = (current ??= start(snapshot));
  let given = false;
  return {
    client: database.client,
    giveBack: async () => {
      if (given) return;
      given = true;
      if (await empty(database)) return;
      if (current === database) current = undefined;
      await database.client.close().catch(() => {});
    },
  };
}

/** Points the portal's `memory://` databases at the worker's lent database. */
export async function lendWorkerDatabase() {
  const { lendPgliteForTests } = await import("~/db.server");
  lendPgliteForTests(lend);
}
