/**
 * A database that drops a connection, even in the middle of a transaction, never
 * ends the server process: the request that met the fault gets the 503 page, and
 * the next one is served by the same process once the database answers again
 * (issue #22, item 15; docs/decisions/015-postgres-driver-patch.md).
 *
 * The first tests are the reproductions of the `postgres` driver's defects that
 * patches/postgres+3.4.9.patch answers; without the patch the first one ends the
 * test process with "TypeError: Cannot read properties of null (reading 'write')".
 * Faults are made with pg_terminate_backend on this file's own database only.
 *
 * PostgreSQL only: the embedded PGlite database runs inside the process and has
 * no connection to lose, so on it these tests are skipped.
 */
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cookieFor, makeUser, TEST_PASSWORD } from "../support/accounts";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const URL_ = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!URL_)("database faults (PostgreSQL only: skipped on the embedded PGlite database, which has no connection to drop)", () => {
  let admin: postgres.Sql;
  let database: string;
  // An error thrown where no caller can catch it would end a server process; here it is recorded and fails the test.
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown) => uncaught.push(error);

  /** The pid of a backend of this database that waits on a lock, running a statement like `like`. */
  async function lockWaiter(like: string): Promise<number> {
    for (let i = 0; i < 200; i += 1) {
      const rows = await admin<{ pid: number }[]>`
        select pid from pg_stat_activity
        where datname = ${database} and wait_event_type = 'Lock' and query ilike ${like}`;
      if (rows.length) return rows[0].pid;
      await sleep(25);
    }
    throw new Error(`no backend waited on a lock for ${like}`);
  }

  /** Holds a row lock from a connection of its own until `release` is called. */
  async function holdRowLock(sqlText: string, ...params: string[]) {
    const holder = postgres(URL_!, { max: 1, onnotice: () => {} });
    const reserved = await holder.reserve();
    await reserved`begin`;
    await reserved.unsafe(sqlText, params);
    return async () => {
      await reserved`rollback`;
      reserved.release();
      await holder.end({ timeout: 1 });
    };
  }

  beforeAll(async () => {
    process.on("uncaughtException", recordUncaught);
    admin = postgres(URL_!, { max: 1, onnotice: () => {} });
    [{ database }] = await admin<{ database: string }[]>`select current_database() as database`;
    await admin`create table fault_probe (id int primary key, v text)`;
    await admin`insert into fault_probe values (1, 'a')`;
  });

  afterEach(async () => {
    await sleep(50); // a write scheduled with setImmediate has run by now
    expect(uncaught.map(String)).toEqual([]);
  });

  afterAll(async () => {
    process.off("uncaughtException", recordUncaught);
    await admin?.end({ timeout: 1 });
  });

  describe("the driver (postgres 3.4.9 with patches/postgres+3.4.9.patch)", () => {
    it("rejects a transaction whose statement was waiting when its backend was killed, and serves the next query (#1133, #1154)", async () => {
      const sql = postgres(URL_!, { max: 2, onnotice: () => {} });
      const release = await holdRowLock("select * from fault_probe where id = 1 for update");
      try {
        const transaction = sql
          .begin(async (tx) => {
            await tx`select 1`;
            await tx`update fault_probe set v = ${"b"} where id = 1`;
          })
          .then(
            () => "committed",
            (error: { code?: string }) => error.code,
          );
        await admin`select pg_terminate_backend(${await lockWaiter("update fault_probe%")})`;
        // sql.begin() answers its own failure with a ROLLBACK: the unpatched driver
        // wrote it to the closed socket from a setImmediate and ended the process.
        expect(await transaction).toMatch(/^(CONNECTION_CLOSED|ECONNRESET|57P01)$/);
      } finally {
        await release();
      }
      await sleep(50);
      expect(await sql`select 1 as ok`).toEqual([{ ok: 1 }]);
      const [{ v }] = await admin<{ v: string }[]>`select v from fault_probe where id = 1`;
      expect(v).toBe("a");
      await sql.end({ timeout: 1 });
    });

    it("rejects every later query of a reserved connection whose backend was killed, and the pool goes on (#1208)", async () => {
      const sql = postgres(URL_!, { max: 2, onnotice: () => {} });
      const reserved = await sql.reserve();
      const [{ pid }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${pid})`;
      const outcome = (query: Promise<unknown>) =>
        Promise.race([query.then(() => "ok", (error: { code?: string }) => error.code), sleep(3000).then(() => "hangs")]);
      expect(await outcome(reserved`select 1`)).toMatch(/^(CONNECTION_CLOSED|ECONNRESET|57P01)$/);
      expect(await outcome(reserved`select 1`)).toBe("CONNECTION_CLOSED");
      reserved.release();
      expect(await outcome(sql`select 1`)).toBe("ok");
      await sql.end({ timeout: 1 });
    });

    it("never runs a killed transaction's later statements or COMMIT inside another transaction (#1216)", async () => {
      await admin`create table fault_log (v text)`;
      const sql = postgres(URL_!, { max: 1, onnotice: () => {} });
      const first = sql
        .begin(async (tx) => {
          await tx`set local idle_in_transaction_session_timeout = 200`;
          await tx`insert into fault_log values ('first, before the timeout')`;
          await sleep(600); // the server ends the session meanwhile
          await tx`insert into fault_log values ('first, after the timeout')`;
        })
        .then(
          () => "committed",
          (error: { code?: string }) => error.code,
        );
      await sleep(400);
      // The same (reconnected) connection now carries a second transaction, which fails.
      const second = sql
        .begin(async (tx) => {
          await tx`insert into fault_log values ('second')`;
          await sleep(600);
          throw new Error("the second transaction fails and must leave nothing");
        })
        .then(
          () => "committed",
          (error: Error) => error.message,
        );
      expect(await first).toBe("CONNECTION_CLOSED");
      expect(await second).toBe("the second transaction fails and must leave nothing");
      await sleep(200);
      // Unpatched, the first transaction's late INSERT and COMMIT ran inside the second: both rows stayed.
      expect(await admin`select v from fault_log`).toEqual([]);
      await sql.end({ timeout: 1 });
    });

    it("does not give the old backend's FATAL error to the first query on the reconnected socket", async () => {
      const sql = postgres(URL_!, { max: 1, onnotice: () => {} });
      const release = await holdRowLock("select * from fault_probe where id = 1 for update");
      try {
        const waiting = sql`update fault_probe set v = ${"c"} where id = 1`.then(
          () => "ok",
          (error: { code?: string }) => error.code,
        );
        await admin`select pg_terminate_backend(${await lockWaiter("update fault_probe%")})`;
        expect(await waiting).not.toBe("ok");
      } finally {
        await release();
      }
      // Unpatched: rejected with 57P01 "terminating connection due to administrator command".
      expect(await sql`select 1 as ok`).toEqual([{ ok: 1 }]);
      await sql.end({ timeout: 1 });
    });
  });

  describe("the portal", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("answers 503 to the request whose transaction lost its connection, and serves the next request in the same process", async () => {
      const logged: string[] = [];
      vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
      const user = await makeUser("member");
      const cookie = await cookieFor(user.id);
      const newPassword = "a brand new password 2024 fault";
      const changePassword = () =>
        send(server, "/account", {
          cookie,
          form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword },
        });

      // The app's UPDATE of the user waits inside its transaction for a lock held here; then its backend is killed.
      const release = await holdRowLock("select * from users where id = $1 for update", user.id);
      let faulted: Response;
      try {
        const pending = changePassword();
        await admin`select pg_terminate_backend(${await lockWaiter('update "users"%')})`;
        faulted = await pending;
      } finally {
        await release();
      }
      expect(faulted.status).toBe(503);
      const page = await faulted.text();
      expect(page).toContain("Sorry, the portal is unavailable");
      expect(page).toContain("Your change was not saved");
      expect(logged.join("\n")).toContain("[database] unavailable (POST /account");
      expect(logged.join("\n")).toContain("write-not-saved");
      // The log names the fault, not the request's secrets.
      expect(logged.join("\n")).not.toContain(newPassword);
      expect(logged.join("\n")).not.toContain(cookie.split("=")[1]);

      // The same process serves the next requests: a page, and the same change again.
      const next = await send(server, "/account", { cookie });
      expect(next.status).toBe(200);
      const again = await changePassword();
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toBe("/account?passwordChanged");
    });
  });
});
