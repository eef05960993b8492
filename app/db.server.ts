/**
 * The one module that knows which database the portal runs on
 * (docs/decisions/002-database.md):
 * - DATABASE_URL set: a PostgreSQL server through the `postgres` driver;
 * - otherwise: embedded PostgreSQL (PGlite) with its files in PGLITE_DIR, in a process of
 *   its own reached through the same `postgres` driver over a unix socket
 *   (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md); an in-memory
 *   one (`memory://`, the tests) in this process.
 * Everything else imports `db()` and sees one drizzle PostgreSQL database.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../db/schema";
import { startEmbeddedDatabase } from "./embedded-database.server";
import { getEnv } from "./env.server";
import { markCommitSent } from "./utils/write-outcome.server";

export { embeddedDatabaseHolder, lockPgliteDir } from "./embedded-lock.server";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction: model functions accept both. */
export type Executor = Database | Transaction;

interface Connection {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  migrate: () => Promise<void>;
  /** The embedded database only: its data directory as a gzipped tar, taken between two queries. */
  dump?: () => Promise<Blob>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
}

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db", "migrations");
/** An arbitrary constant: the advisory lock that serialises start-up work across app servers. */
export const STARTUP_LOCK_ID = 7_301_991;

/**
 * Another constant: on PostgreSQL each app server holds this advisory lock shared for as
 * long as it runs; `npm run restore` takes it alone, so it is refused while any server
 * runs, and a server will not start while a restore runs (docs/decisions/027-backups.md).
 */
export const SERVING_LOCK_ID = 7_301_992;

/**
 * The follower notifier's turn (app/models/publishing/follow-notifications.server.ts): one app
 * server at a time. Each numeric advisory lock has its own number here: the notifier once
 * shared the serving lock's, which every server holds shared, so on PostgreSQL it never ran.
 */
export const NOTIFY_LOCK_ID = 7_301_993;

declare global {
  // eslint-disable-next-line no-var
  var __portalDb: Connection | undefined;
  // eslint-disable-next-line no-var
  var __portalServingLock: postgres.Sql | undefined;
}

/** What a listener is told when it may have missed notifications: a payload no one can read, so "everything". */
export const MISSED_NOTIFICATIONS = "";

/**
 * LISTEN on a connection of its own that comes back by itself. postgres.js's own
 * `listen` tries once to listen again after its connection closes and gives up
 * silently if the database is still down, so a server would never hear of a
 * change again. Here the attempt is repeated (every 0.25 to 1 s) until it works,
 * and the listener is told MISSED_NOTIFICATIONS when the connection is lost and
 * again when it is back, since anything committed in between went unheard
 * (docs/decisions/026-faults-draining-several-servers.md).
 */
async function listenAgainAndAgain(
  url: string,
  connectTimeout: number,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  const statement = `listen "${channel.replace(/"/g, '""')}"`;
  let stopped = false;
  let listening = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;
  // `onnotify` and a null `max_lifetime` (never recycle the connection) are what postgres.js's own listen uses; its types omit them.
  const client = postgres(url, {
    max: 1,
    idle_timeout: undefined,
    max_lifetime: null as unknown as number,
    fetch_types: false,
    connect_timeout: connectTimeout,
    backoff: () => 0.25,
    onnotice: () => {},
    onnotify: (name: string, payload: string) => {
      if (name === channel) onNotify(payload);
    },
    onclose: () => {
      if (stopped) return;
      if (listening) {
        listening = false;
        onNotify(MISSED_NOTIFICATIONS);
      }
      again();
    },
  } as postgres.Options<Record<string, never>>);
  const again = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      client.unsafe(statement).then(
        () => {
          if (stopped || listening) return;
          listening = true;
          delay = 250;
          onNotify(MISSED_NOTIFICATIONS);
        },
        () => {
          delay = Math.min(delay * 2, 1_000);
          again();
        },
      );
    }, delay);
    retry.unref();
  };
  try {
    await client.unsafe(statement);
  } catch (error) {
    stopped = true;
    await client.end({ timeout: 1 });
    throw error;
  }
  listening = true;
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client.end({ timeout: 1 });
  };
}

function connect(): Connection {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    const connectTimeout = env.DATABASE_CONNECT_TIMEOUT_MS / 1000;
    const client = postgres(url, {
      max: 10,
      onnotice: () => {},
      // Each query a named prepared statement, parsed once per connection (a patch to drizzle-orm makes
      // it ask; docs/decisions/057-prepared-statements.md), unless a pooler cannot keep them.
      prepare: env.DATABASE_PREPARED_STATEMENTS,
      // A database that does not answer a new connection is given up on quickly: the request gets the 503 page.
      connect_timeout: connectTimeout,
      // After a lost connection, try again every 0.25 s: the driver's default backoff grows with every failed
      // attempt to 20 s, so queries queued during an outage waited up to 20 s after the database was back.
      backoff: () => 0.25,
      // JIT compilation made the portal's short queries slower, not faster (docs/decisions/010-speed-at-scale.md).
      connection: { statement_timeout: env.STATEMENT_TIMEOUT_MS, TimeZone: "UTC", jit: "off" },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      listen: (channel, onNotify) => listenAgainAndAgain(url, connectTimeout, channel, onNotify),
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
  if (!dir.startsWith("memory://")) return embeddedInProcessOfItsOwn(dir);
  // The tests lend their worker's in-memory database, migrated (tests/support/embedded-database.ts).
  const lent = lendPglite?.();
  const client = lent?.client ?? new PGlite(dir);
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  /** What this connection listens for, stopped when it closes (a lent database outlives it). */
  const listening = new Set<() => Promise<void>>();
  return {
    db,
    kind: "pglite",
    dump: () => client.dumpDataDir("gzip"),
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, (payload) => onNotify(payload));
      const stop = async () => {
        if (listening.delete(stop)) await unlisten();
      };
      listening.add(stop);
      return stop;
    },
    close: async () => {
      for (const stop of [...listening]) await stop().catch(() => {});
      await (lent ? lent.giveBack() : client.close());
    },
    migrate: async () => {
      await client.exec("set time zone 'UTC'");
      await migratePglite(drizzlePglite(client, { casing: "snake_case" }), {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    },
  };
}

/** An in-memory database the tests lend the portal: given back, not closed, when the portal closes it. */
export interface LentPglite {
  client: PGlite;
  giveBack: () => Promise<void>;
}

let lendPglite: (() => LentPglite) | null = null;

/**
 * Tests: where a `memory://` database comes from (null: a new, empty PGlite each time).
 * tests/support/embedded-database.ts lends one per worker, started from the migrated snapshot
 * and emptied between test files (docs/decisions/055-one-test-database-per-worker.md).
 */
export function lendPgliteForTests(lend: (() => LentPglite) | null) {
  lendPglite = lend;
}

/**
 * The embedded database in its folder, in a process of its own (app/embedded-database.server.ts),
 * through the `postgres` driver as a PostgreSQL server is. One connection: PGlite runs one
 * query at a time whatever the number of connections, and all of them share its one
 * session, so a second connection would only let two requests' statements interleave.
 * LISTEN is that session's, so a NOTIFY comes back on the connection whose query sent it:
 * this one, where `onnotify` hands it to the listeners.
 */
function embeddedInProcessOfItsOwn(dir: string): Connection {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const listenStatement = (verb: "listen" | "unlisten", channel: string) => `${verb} "${channel.replace(/"/g, '""')}"`;
  const embedded = startEmbeddedDatabase(dir, () => {
    // A new database process: what the old one listened for is gone, and anything committed meanwhile went unheard.
    for (const [channel, set] of listeners) {
      client.unsafe(listenStatement("listen", channel)).catch(() => {});
      for (const onNotify of set) onNotify(MISSED_NOTIFICATIONS);
    }
  });
  const client = postgres({
    socket: embedded.connect,
    max: 1,
    onnotice: () => {},
    onnotify: (channel: string, payload: string) => {
      for (const onNotify of listeners.get(channel) ?? []) onNotify(payload);
    },
    backoff: () => 0.25,
    connection: { TimeZone: "UTC" },
  } as postgres.Options<Record<string, never>>);
  const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    dump: embedded.dump,
    listen: async (channel, onNotify) => {
      let set = listeners.get(channel);
      if (!set) {
        await client.unsafe(listenStatement("listen", channel));
        set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
        if (set.size > 0 || listeners.get(channel) !== set) return;
        listeners.delete(channel);
        await client.unsafe(listenStatement("unlisten", channel)).catch(() => {});
      };
    },
    close: async () => {
      await client.end({ timeout: 5 });
      await embedded.stop();
    },
    migrate: () => migratePostgres(drizzlePostgres(client, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER }),
  };
}

/**
 * Marks each outer transaction whose work is done, as its COMMIT is about to be sent,
 * so a form that then meets a database fault is told whether anything may have
 * been stored (app/utils/write-outcome.server.ts).
 */
function markingCommits(conn: Connection): Connection {
  const transaction = conn.db.transaction.bind(conn.db);
  conn.db.transaction = ((work, config) =>
    transaction(async (tx) => {
      const result = await work(tx);
      markCommitSent();
      return result;
    }, config)) as Database["transaction"];
  return conn;
}

function connection(): Connection {
  globalThis.__portalDb ??= markingCommits(connect());
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

/**
 * The open embedded database's data directory (PGlite's own dump, taken between two queries: a
 * copy as a crash at that instant would leave it, which opens with every committed change).
 * For backups while the server runs (db/backup/pglite.ts); not available on PostgreSQL.
 */
export async function dumpEmbeddedDatabase(): Promise<Blob> {
  const dump = connection().dump;
  if (!dump) throw new Error("Only the embedded database can be dumped from inside the portal; use npm run backup (pg_dump).");
  return dump();
}

/** Hears NOTIFY on a channel from any app server (e.g. "portal_change": something public may have changed). */
export async function listenForNotifications(channel: string, onNotify: (payload: string) => void) {
  return connection().listen(channel, onNotify);
}

/**
 * Says "a portal server runs on this database" for as long as this process lives
 * (PostgreSQL: the serving lock, shared, on a connection of its own that is never
 * recycled; the embedded database: its lock file, taken when it is opened).
 */
export async function holdServingLock(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    connection();
    return;
  }
  if (globalThis.__portalServingLock) return;
  const client = postgres(env.DATABASE_URL, {
    max: 1,
    onnotice: () => {},
    idle_timeout: 0,
    max_lifetime: 0,
    connection: { application_name: "board-portal (serving)" },
  });
  const [row] = await client<{ ok: boolean }[]>`select pg_try_advisory_lock_shared(${SERVING_LOCK_ID}) as ok`;
  if (!row?.ok) {
    await client.end({ timeout: 5 });
    throw new Error("A restore (npm run restore) is under way on this database: start the portal when it has finished.");
  }
  globalThis.__portalServingLock = client;
}

export async function closeDatabase() {
  const serving = globalThis.__portalServingLock;
  globalThis.__portalServingLock = undefined;
  if (serving) await serving.end({ timeout: 5 });
  const conn = globalThis.__portalDb;
  globalThis.__portalDb = undefined;
  if (conn) await conn.close();
}
