/**
 * Backup and restore of the embedded database (PGlite): its data directory, dumped by
 * PGlite itself (`dumpDataDir`, a gzipped tar) while no server has it open, and loaded
 * back (`loadDataDir`) into a directory beside it that replaces it only once it has
 * opened and shown the migration the manifest names.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { db, dumpEmbeddedDatabase, embeddedDatabaseHolder, lockPgliteDir } from "../../app/db.server";
import { BackupRefused, verifyBackupFile, writeBackupFile, type BackupManifest } from "./backup-file";
import { knownMigrations, LATEST_MIGRATION_SQL, migrationAt } from "./migrations";

/** Rows of a query on the open database, whichever driver reaches it (the postgres driver gives an array, PGlite's in-memory one `{ rows }`). */
async function rowsOf<T>(query: string): Promise<T[]> {
  const result = (await db().execute(sql.raw(query))) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

function refuseWhileOpen(dir: string, what: string) {
  const holder = embeddedDatabaseHolder(dir);
  if (holder) {
    throw new BackupRefused(
      `The embedded database in ${dir} is open in process ${holder} (is the portal running?). Stop it before ${what}` +
        `${what.startsWith("backing") ? ", or set BACKUP_DIR and the running portal backs itself up" : ""}; nothing was changed.`,
    );
  }
}

/**
 * A backup of the embedded database this process has open (the running server, BACKUP_DIR):
 * PGlite's dump taken between two queries, in the same file format as `npm run backup`.
 */
export async function backupOpenPglite(file: string): Promise<BackupManifest> {
  const migration = migrationAt((await rowsOf<{ when: string | null }>(LATEST_MIGRATION_SQL))[0]?.when);
  const version = (await rowsOf<{ server_version: string }>("show server_version"))[0].server_version;
  const dump = await dumpEmbeddedDatabase();
  const dumpFile = `${file}.dump-${process.pid}`;
  try {
    fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    return await writeBackupFile(file, dumpFile, { database: "pglite", serverVersion: `${version} (PGlite)`, migration });
  } finally {
    fs.rmSync(dumpFile, { force: true });
  }
}

export async function backupPglite(dir: string, file: string): Promise<BackupManifest> {
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) throw new BackupRefused(`There is no embedded database in ${dir} to back up.`);
  refuseWhileOpen(dir, "backing it up");
  const release = lockPgliteDir(dir);
  const dumpFile = `${file}.dump-${process.pid}`;
  try {
    const client = new PGlite(path.resolve(dir));
    try {
      const migration = migrationAt((await client.query<{ when: string | null }>(LATEST_MIGRATION_SQL)).rows[0]?.when);
      const version = (await client.query<{ server_version: string }>("show server_version")).rows[0].server_version;
      const dump = await client.dumpDataDir("gzip");
      fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      return await writeBackupFile(file, dumpFile, { database: "pglite", serverVersion: `${version} (PGlite)`, migration });
    } finally {
      await client.close();
    }
  } finally {
    fs.rmSync(dumpFile, { force: true });
    release();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database that was replaced was moved to (null when there was none). */
  keptAs: string | null;
}

export async function restorePglite(dir: string, file: string): Promise<RestoreResult> {
  const { manifest, payloadStart } = await verifyBackupFile(file, { database: "pglite", knownMigrations: knownMigrations() });
  refuseWhileOpen(dir, "restoring over it");
  const release = lockPgliteDir(dir);
  const staging = `${dir}.restoring-${process.pid}`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    try {
      const client = new PGlite(path.resolve(staging), { loadDataDir: new Blob([fs.readFileSync(file).subarray(payloadStart)]) });
      try {
        const at = migrationAt((await client.query<{ when: string | null }>(LATEST_MIGRATION_SQL)).rows[0]?.when);
        if (at.when !== manifest.migration.when) throw new Error(`it is at migration ${at.tag}, the manifest says ${manifest.migration.tag}`);
      } finally {
        await client.close();
      }
    } catch (error) {
      throw new BackupRefused(`${file} could not be opened as a database (${(error as Error).message}). Nothing was restored.`);
    }
    // The database being replaced is kept beside it, never deleted by a restore.
    const hadOne = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
    const keptAs = hadOne ? `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}` : null;
    if (keptAs) fs.renameSync(dir, keptAs);
    else fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    return { manifest, keptAs };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}
