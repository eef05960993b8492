/**
 * Issue 19, item 4: the embedded database in its folder runs in a process of its own
 * (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md):
 * - a slow query does not stall this process's event loop, and NOTIFY is heard;
 * - the database process dies with its server, even a server killed with kill -9, and
 *   the folder opens again at once.
 * (The in-memory database the other tests use stays in their process.)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, db, embeddedDatabaseHolder, listenForNotifications } from "~/db.server";
import { liveProcess } from "~/embedded-lock.server";
import { resetEnvForTests } from "~/env.server";

const onPostgres = Boolean(process.env.DATABASE_URL);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-process-"));
/** One folder for both tests: a new one costs PGlite's initdb, seconds. */
const dir = path.join(work, "pglite");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await closeDatabase();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Opens the database in `dir` (not migrated: these tests need no tables). */
async function openFolder() {
  await closeDatabase();
  process.env.PGLITE_DIR = dir;
  resetEnvForTests();
  await db().execute(sql`select 1`);
}

/** A query's rows, whichever driver answers (the postgres driver: an array; PGlite in-process: `{ rows }`). */
async function rows<T>(query: SQL): Promise<T[]> {
  const result = (await db().execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The database process the lock file names after its server. */
function databaseProcessLine(): string {
  const lines = fs.readFileSync(`${dir}.lock`, "utf8").split("\n");
  expect(lines).toHaveLength(2);
  return lines[1];
}

describe.skipIf(onPostgres)("the embedded database in a process of its own", () => {
  it("answers a slow query without stalling this process, and hears NOTIFY", { timeout: 60_000 }, async () => {
    await openFolder();
    expect(liveProcess(databaseProcessLine())).not.toBe(process.pid);
    const heard: string[] = [];
    const stop = await listenForNotifications("portal_change", (payload) => heard.push(payload));

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await sleep(30);
    const started = Date.now();
    // Seconds of work for PostgreSQL in WebAssembly; in this process it would block the event loop throughout.
    const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from generate_series(1, 1000000) g where md5(g::text) like 'a%'`);
    const took = Date.now() - started;
    // The histogram records a stall when its timer next fires: give it the turn it waited for.
    await sleep(50);
    delay.disable();
    expect(row.n).toBeGreaterThan(30_000);
    expect(took, "the query took long enough to measure").toBeGreaterThan(200);
    // In this process the loop would stand still for the whole query (the longest delay about `took`).
    // Out of it, only the machine's own pauses remain (a loaded 2-CPU machine: tens of ms).
    expect(delay.max / 1e6, "longest event-loop delay (ms) while it ran").toBeLessThan(took / 2);
    expect(delay.percentile(99) / 1e6, "event-loop delay p99 (ms) while it ran").toBeLessThan(100);

    await db().execute(sql`select pg_notify('portal_change', 'meeting:1')`);
    for (let i = 0; i < 50 && heard.length === 0; i += 1) await sleep(20);
    expect(heard).toEqual(["meeting:1"]);
    await stop();
    await closeDatabase();
    expect(fs.existsSync(`${dir}.lock`), "the lock is let go once the database process has closed").toBe(false);
  });

  it("ends with a server killed with kill -9, and the folder opens again at once", { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", PGLITE_DIR: dir };
    const server = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/support/database-process.ts"), "open"], { env, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on("data", (chunk: Buffer) => String(chunk).includes("ready") && resolve());
      server.once("exit", (code) => reject(new Error(`the server ended (${code}) before it was ready`)));
    });
    const line = databaseProcessLine();
    const databasePid = liveProcess(line);
    expect(databasePid).toBeGreaterThan(0);
    expect(embeddedDatabaseHolder(dir)).toBe(server.pid);

    server.removeAllListeners("exit");
    const killed = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGKILL");
    await killed;
    // Opening the folder waits for the database process the killed server left, which closes the database and ends.
    await openFolder();
    expect(liveProcess(line), "the killed server's database process has ended").toBeNull();
    const [row] = await rows<{ n: number }>(sql`select 1 as n`);
    expect(row.n).toBe(1);
    await closeDatabase();
  });
});
