/**
 * Issue 20, item 8: several app servers on one database, as behind a load
 * balancer. Two production servers (`node app/serve.mjs`) start at the same moment
 * on one fresh PostgreSQL database, and each point is checked over HTTP:
 * migrations applied once; a change made through one on the other's cached page
 * within a second; a session made on one valid on the other; sign-in throttling
 * counted across both; each e-mail sent once although both send the outbox.
 *
 * Needs PostgreSQL (E2E_POSTGRES_URL, else 127.0.0.1:5432): skipped without it.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formOnPage, httpPerson } from "./support/http-client";
import { createAccount, createTestDatabase, postgresReachable, type Account, type TestDatabase } from "./support/postgres-database";
import { repoRoot, startPortal, type PortalServer } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const available = await postgresReachable();

describe.skipIf(!available)("two app servers on one PostgreSQL database", () => {
  let database: TestDatabase;
  let smtp: SmtpCatcher;
  let a: PortalServer;
  let b: PortalServer;
  let clerk: Account;

  beforeAll(async () => {
    database = await createTestDatabase("two_servers_e2e");
    // A slow mail server: each e-mail takes 300 ms to be accepted, so both servers are sending at once.
    smtp = await startSmtpCatcher({ answerAfterMs: 300 });
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url };
    // Started together on the empty database: both migrate and import content/ at start-up.
    [a, b] = await Promise.all([startPortal({ env }), startPortal({ env })]);
    clerk = await createAccount(database.url, { email: "two.clerk@example.org", name: "Two Servers Clerk", role: "clerk" });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await database?.drop();
  });

  it("applies each migration once when both start at the same moment", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(repoRoot, "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const [{ applied, distinct }] = await database.sql<{ applied: number; distinct: number }[]>`
      select count(*)::int as applied, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`;
    expect(applied).toBe(journal.entries.length);
    expect(distinct).toBe(applied);
    for (const server of [a, b]) expect((await fetch(`${server.baseURL}/readyz`)).status).toBe(200);
    // content/ imported once: one board, however many servers imported it.
    const [{ n }] = await database.sql<{ n: number }[]>`select count(*)::int as n from bodies where slug = 'scrutiny-board'`;
    expect(n).toBe(1);
  });

  it("shows a change made through one server on the other's cached page within a second", async () => {
    const [{ id, slug }] = await database.sql<{ id: string; slug: string }[]>`select id, slug from bodies where slug = 'scrutiny-board'`;
    const page = `${b.baseURL}/bodies/${slug}`;
    await (await fetch(page)).text();
    const cached = await fetch(page);
    expect(cached.headers.get("x-cache")).toBe("hit");
    await cached.text();

    const person = httpPerson(a.baseURL);
    await person.signIn(clerk.email, clerk.password);
    const form = formOnPage(await (await person.get(`/clerk/bodies/${id}`)).text(), "description");
    const description = `Changed through server A at ${Date.now()}.`;
    const saved = await person.post(`/clerk/bodies/${id}`, { ...form, description });
    expect(saved.status).toBe(303);
    const changedAt = Date.now();

    let seenAfter = -1;
    while (Date.now() - changedAt < 1_000) {
      if ((await (await fetch(page)).text()).includes(description)) {
        seenAfter = Date.now() - changedAt;
        break;
      }
      await sleep(20);
    }
    expect(seenAfter, "server B's page showed the change within 1 s").toBeGreaterThanOrEqual(0);
  });

  it("accepts a session made on one server on the other", async () => {
    const person = httpPerson(a.baseURL);
    await person.signIn(clerk.email, clerk.password);
    const onB = await fetch(`${b.baseURL}/clerk`, { headers: { cookie: person.cookie() }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Two Servers Clerk");
    // Signed out through B: the session no longer works on A either.
    const out = await fetch(`${b.baseURL}/sign-out`, { method: "POST", headers: { cookie: person.cookie(), origin: b.baseURL }, redirect: "manual" });
    expect(out.status).toBe(303);
    const onA = await person.get("/clerk");
    expect([302, 303]).toContain(onA.status);
    expect(onA.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("counts sign-in failures across both servers", async () => {
    const target = await createAccount(database.url, { email: "two.target@example.org", name: "Throttled Member", role: "member", body: "scrutiny-board" });
    // Ten failures from one client for one account lock that pair, whichever servers they went to.
    for (let i = 0; i < 10; i += 1) {
      const res = await httpPerson(i % 2 ? b.baseURL : a.baseURL).post("/sign-in?redirectTo=%2F", {
        _signIn: "1",
        redirectTo: "/",
        email: target.email,
        password: `wrong password number ${i}`,
      }, { timeoutMs: 10_000 });
      // The form again for the first nine; the tenth, counted over both servers, locks the pair.
      expect(res.status, `failure ${i + 1}`).toBe(i < 9 ? 400 : 429);
      expect((await res.text()).includes("too many attempts")).toBe(i === 9);
    }
    for (const server of [a, b]) {
      const res = await httpPerson(server.baseURL).post("/sign-in?redirectTo=%2F", { _signIn: "1", redirectTo: "/", email: target.email, password: target.password });
      expect(res.status, "the right password is refused on both servers once the pair is locked").toBe(429);
      expect(await res.text()).toContain("There have been too many attempts to sign in.");
    }
  }, 60_000);

  it("sends each e-mail once although both servers send the outbox at the same time", async () => {
    const people = await Promise.all(
      [0, 1, 2, 3].map((i) => createAccount(database.url, { email: `two.mail${i}@example.org`, name: `Mail Member ${i}`, role: "member", body: "scrutiny-board" })),
    );
    // Each reset is queued on one server; each server then sends everything waiting, whoever queued it.
    await Promise.all(
      people.map(async (person, i) => {
        const res = await httpPerson((i % 2 ? b : a).baseURL).post("/forgot-password", { email: person.email });
        expect(res.status).toBe(303);
      }),
    );
    for (let i = 0; i < 100 && people.some((p) => !smtp.text().includes(`To: ${p.email}`)); i += 1) await sleep(100);
    await sleep(1_000); // a second copy, if any, would have arrived by now
    for (const person of people) {
      expect(smtp.mails.filter((mail) => mail.includes(`To: ${person.email}`) && /reset-password\//.test(mail)), person.email).toHaveLength(1);
    }
  });
});
