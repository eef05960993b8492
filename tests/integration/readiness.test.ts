/**
 * Issue 20, item 3: a load balancer asks /healthz (is the process up) and
 * /readyz (does the database answer, are its migrations current). A server
 * whose database is behind the build answers 503 with Retry-After, not 200.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The test database is made on first use; the probe's own time limit is for a database already there.
  await db().execute(sql`select 1`);
});
afterAll(async () => {
  await server.close();
});

describe("health and readiness probes", () => {
  it("/healthz answers ok, uncached", async () => {
    const res = await send(server, "/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("ok");
  });

  it("/readyz answers 200 while the database answers and every migration is applied", async () => {
    const res = await send(server, "/readyz");
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^Database reachable; \d+ migrations applied\.$/);
  });

  it("/readyz answers 503 with Retry-After when a migration of this build has not been applied", async () => {
    await db().execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    const res = await send(server, "/readyz");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.text()).toMatch(/^Migrations not current: \d+ of \d+ applied\.$/);
  });
});
