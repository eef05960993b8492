/**
 * Where a synthetic archive may go, and the checks that keep it out of real data:
 * a PostgreSQL database whose name contains "synth", or a PGlite folder whose
 * name contains "synth" and that is not the portal's default data/pglite.
 * Used by db/synth/generate.ts and bench/run.ts.
 */
import path from "node:path";
import postgres from "postgres";
import { embeddedDatabaseHolder } from "../../app/db.server";

export const DEFAULT_SYNTH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_synth";
export const DEFAULT_SYNTH_PGLITE_DIR = "data/synth-pglite";

export type SynthTarget =
  | { kind: "postgres"; url: string; database: string }
  | { kind: "pglite"; dir: string };

export function databaseName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a database URL: ${redact(url)}`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`Not a postgres:// URL: ${redact(url)}`);
  return decodeURIComponent(parsed.pathname.replace(/^\//, ""));
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

export function postgresTarget(url: string): SynthTarget {
  const database = databaseName(url);
  if (!/synth/i.test(database)) {
    throw new Error(
      `Refusing to use the database "${database}": a synthetic archive only goes into a database whose name contains "synth" ` +
        `(for example ${DEFAULT_SYNTH_DATABASE_URL}), so it can never mix with real data.`,
    );
  }
  return { kind: "postgres", url, database };
}

export function pgliteTarget(dir: string): SynthTarget {
  if (dir.startsWith("memory://")) throw new Error("A synthetic archive needs a folder, not memory://.");
  const resolved = path.resolve(dir);
  const defaultDir = path.resolve(process.cwd(), "data", "pglite");
  const envDir = process.env.PGLITE_DIR ? path.resolve(process.env.PGLITE_DIR) : undefined;
  const inside = (parent: string) => resolved === parent || resolved.startsWith(parent + path.sep);
  if (inside(defaultDir) || (envDir && !/synth/i.test(path.basename(envDir)) && inside(envDir))) {
    throw new Error(`Refusing to use ${resolved}: that is the portal's own embedded database folder.`);
  }
  if (!/synth/i.test(path.basename(resolved))) {
    throw new Error(
      `Refusing to use ${resolved}: a synthetic archive only goes into a folder whose name contains "synth" ` +
        `(for example ${DEFAULT_SYNTH_PGLITE_DIR}).`,
    );
  }
  return { kind: "pglite", dir: resolved };
}

/** Creates the PostgreSQL database if it does not exist yet (connecting to "postgres" on the same server). */
export async function ensurePostgresDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length) return false;
    await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The process id holding a PGlite folder (the portal writes `<dir>.lock`), if it is still running and not this one. */
export function pgliteHolder(dir: string): number | null {
  const pid = embeddedDatabaseHolder(path.resolve(dir));
  return pid === process.pid ? null : pid;
}
