/**
 * The one module that knows which database the portal runs on
 * (docs/decisions/002-database.md):
 * - DATABASE_URL set: a PostgreSQL server through the `postgres` driver;
 * - otherwise: embedded PostgreSQL (PGlite) with its files in PGLITE_DIR.
 * Everything else imports `db()` and sees one drizzle PostgreSQL database.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../db/schema";
import { getEnv } from "./env.server";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction: model functions accept both. */
export type Executor = Database | Transaction;

interface Connection {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  migrate: () => Promise<void>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
}

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db", "migrations");
/** An arbitrary constant: the advisory lock that serialises start-up work across app servers. */
export const STARTUP_LOCK_ID = 7_301_991;

declare global {
  // eslint-disable-next-line no-var
  var __portalDb: Connection | undefined;
}

function lockPgliteDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = `${dir}.lock`;
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(
          `The embedded database in ${dir} is in use by process ${pid}. ` +
            "Stop that process first (is the portal already running?), or set DATABASE_URL to use a PostgreSQL server.",
        );
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  return release;
}

function connect(): Connection {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    const client = postgres(url, {
      max: 10,
      onnotice: () => {},
      // JIT compilation made the portal's short queries slower, not faster (docs/decisions/010-speed-at-scale.md).
      connection: { statement_timeout: env.STATEMENT_TIMEOUT_MS, TimeZone: "UTC", jit: "off" },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      // postgres.js listens on a connection of its own and reconnects (and re-listens) by itself.
      listen: async (channel, onNotify) => {
        const { unlisten } = await client.listen(channel, (payload) => onNotify(payload));
        return unlisten;
      },
      migrate: async () => {
        // One connection holds the advisory lock for the whole migration, so
        // several app servers starting together migrate one at a time.
        const single = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await single`select pg_advisory_lock(${STARTUP_LOCK_ID})`;
          await migratePostgres(drizzlePostgres(single, { casing: "snake_case" }), {
            migrationsFolder: MIGRATIONS_FOLDER,
          });
          await single`select pg_advisory_unlock(${STARTUP_LOCK_ID})`;
        } finally {
          await single.end({ timeout: 5 });
        }
      },
    };
  }
  const dir = env.PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : lockPgliteDir(dir);
  // Tests start each in-memory database from a migrated snapshot (tests/support/global-setup.ts).
  const snapshot = inMemory ? env.PGLITE_SNAPSHOT : undefined;
  const client = snapshot
    ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) })
    : new PGlite(inMemory ? dir : path.resolve(dir));
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, (payload) => onNotify(payload));
      return async () => stop();
    },
    close: async () => {
      await client.close();
      release();
    },
    migrate: async () => {
      await client.exec("set time zone 'UTC'");
      await migratePglite(drizzlePglite(client, { casing: "snake_case" }), {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    },
  };
}

function connection(): Connection {
  globalThis.__portalDb ??= connect();
  return globalThis.__portalDb;
}

/** The database. Model functions take it (or a transaction) as their first argument. */
export function db(): Database {
  return connection().db;
}

export function databaseKind(): "postgres" | "pglite" {
  return connection().kind;
}

/**
 * The PostgreSQL error code (SQLSTATE) of a failed query, however the driver wraps it
 * (postgres.js and PGlite put it on the error; drizzle puts their error in `cause`).
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === "string" ? e.code : e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/** Applies the committed drizzle-kit migrations. */
export async function migrateDatabase() {
  await connection().migrate();
}

/** Hears NOTIFY on a channel from any app server (e.g. "portal_change": something public may have changed). */
export async function listenForNotifications(channel: string, onNotify: (payload: string) => void) {
  return connection().listen(channel, onNotify);
}

export async function closeDatabase() {
  const conn = globalThis.__portalDb;
  globalThis.__portalDb = undefined;
  if (conn) await conn.close();
}
