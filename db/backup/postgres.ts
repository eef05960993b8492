/**
 * Backup and restore on a PostgreSQL server with its own tools: `pg_dump --format=custom`
 * (a consistent snapshot; the portal may keep running), and `pg_restore` turned into one
 * SQL script that `psql --single-transaction` applies after dropping the portal's schemas,
 * so a restore either replaces the whole database or, on any error, leaves it as it was.
 * A restore first takes the serving lock alone (app/db.server.ts, SERVING_LOCK_ID): while
 * any app server runs it cannot, and is refused.
 *
 * The tools are found in PG_BIN_DIR when set, else on PATH. The password never goes on a
 * command line (where `ps` shows it): it is passed to them in PGPASSWORD.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SERVING_LOCK_ID } from "../../app/db.server";
import { BackupRefused, verifyBackupFile, writeBackupFile, type BackupManifest } from "./backup-file";
import { knownMigrations, LATEST_MIGRATION_SQL, migrationAt } from "./migrations";

function tool(name: "pg_dump" | "pg_restore" | "psql"): string {
  const dir = process.env.PG_BIN_DIR;
  return dir ? path.join(dir, name) : name;
}

/** The URL without its password, and the environment that carries the password. */
function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: { file: string; start: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [input ? "pipe" : "ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    if (input && child.stdin) {
      child.stdin.on("error", () => {});
      fs.createReadStream(input.file, { start: input.start }).pipe(child.stdin);
    }
    child.on("error", (error) =>
      reject(new Error(`Cannot run ${command} (${error.message}): install PostgreSQL's client tools or set PG_BIN_DIR.`)),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed: ${stderr.trim()}`))));
  });
}

function tempFile(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-"));
  return { file: path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function backupPostgres(url: string, file: string): Promise<BackupManifest> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let migration;
  let serverVersion;
  try {
    migration = migrationAt((await sql.unsafe<{ when: string | null }[]>(LATEST_MIGRATION_SQL))[0]?.when);
    serverVersion = (await sql<{ server_version: string }[]>`show server_version`)[0].server_version;
  } finally {
    await sql.end({ timeout: 5 });
  }
  const { dbname, env } = connectionFor(url);
  const dump = tempFile("portal.dump");
  try {
    await run(tool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${dump.file}`, `--dbname=${dbname}`], env);
    return await writeBackupFile(file, dump.file, { database: "postgres", serverVersion, migration });
  } finally {
    dump.remove();
  }
}

/** Emptied before the dump is applied, in the same transaction: what a later migration added goes too. */
const CLEAR_SCHEMAS = "DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;";

export async function restorePostgres(url: string, file: string): Promise<{ manifest: BackupManifest }> {
  const { manifest, payloadStart } = await verifyBackupFile(file, { database: "postgres", knownMigrations: knownMigrations() });
  const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0, max_lifetime: 0 });
  const script = tempFile("portal.sql");
  try {
    const [lock] = await sql<{ ok: boolean }[]>`select pg_try_advisory_lock(${SERVING_LOCK_ID}) as ok`;
    if (!lock?.ok) {
      throw new BackupRefused(
        "The portal is running on this database (an app server holds it). Stop every app server before restoring; nothing was changed.",
      );
    }
    const { dbname, env } = connectionFor(url);
    // The archive as one SQL script first: psql applies it only once it is whole.
    await run(tool("pg_restore"), ["--no-owner", "--no-privileges", `--file=${script.file}`], env, { file, start: payloadStart });
    await run(
      tool("psql"),
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-c", CLEAR_SCHEMAS, "-f", script.file, `--dbname=${dbname}`],
      env,
    );
    return { manifest };
  } finally {
    script.remove();
    await sql.end({ timeout: 5 });
  }
}
