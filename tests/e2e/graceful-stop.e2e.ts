/**
 * Issue 20, item 3: SIGTERM drains. A production server (`node app/serve.mjs`) on a
 * fresh PostgreSQL database is told to stop while a member's form is still being
 * stored (its INSERT waits on a row lock this test holds) and while the e-mail a
 * password reset started after its answer is still going out (the test's mail
 * server takes two seconds to accept it). The server takes no new request, says
 * it is not ready, finishes both, and exits 0.
 *
 * Needs PostgreSQL (E2E_POSTGRES_URL, else 127.0.0.1:5432): skipped without it.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpPerson } from "./support/http-client";
import { createAccount, createTestDatabase, postgresReachable, type Account, type TestDatabase } from "./support/postgres-database";
import { startPortal, type PortalServer } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const available = await postgresReachable();

describe.skipIf(!available)("SIGTERM (PostgreSQL)", () => {
  let database: TestDatabase;
  let smtp: SmtpCatcher;
  let portal: PortalServer;
  let account: Account;

  beforeAll(async () => {
    database = await createTestDatabase("stop_e2e");
    smtp = await startSmtpCatcher({ answerAfterMs: 2_000 });
    portal = await startPortal({ env: { DATABASE_URL: database.url, SMTP_URL: smtp.url, SHUTDOWN_GRACE_MS: "15000" } });
    account = await createAccount(database.url, { email: "stopping.member@example.org", name: "Stopping Member", role: "member", body: "scrutiny-board" });
  });

  afterAll(async () => {
    await portal?.stop();
    await smtp?.close();
    await database?.drop();
  });

  it("finishes the request in flight and the e-mail being sent, refuses new work, then exits 0", async () => {
    const member = httpPerson(portal.baseURL);
    await member.signIn(account.email, account.password);
    const [{ id: itemId }] = await database.sql<{ id: string }[]>`
      select ai.id from agenda_items ai join meetings m on m.id = ai.meeting_id
      where ai.published_at is not null and ai.exempt_paragraph is null and m.agenda_published_at is not null limit 1`;
    const [{ id: organisationId }] = await database.sql<{ id: string }[]>`select id from organisations where kind = 'trust' limit 1`;
    // The seeded meeting is years old: members may raise questions on it only with a long window (closed business, ADR 037).
    await database.sql`update bodies set question_window_days = 3660`;
    const text = "Stopping probe: is this question stored although the server was told to stop?";

    // Hold the agenda item's row: the question's INSERT (its foreign key check) waits for it.
    const holder = postgres(database.url, { max: 1, onnotice: () => {} });
    const reserved = await holder.reserve();
    await reserved`begin`;
    await reserved`select id from agenda_items where id = ${itemId} for update`;
    const pending = member.post(`/questions/new?item=${itemId}`, { item: itemId, addressedToId: organisationId, text }, { timeoutMs: 20_000 });
    for (let i = 0; ; i += 1) {
      const [waiting] = await database.sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "questions"%'`;
      if (waiting) break;
      if (i > 200) throw new Error("the question's INSERT never waited on the lock");
      await sleep(25);
    }

    // A password reset: answered at once, its e-mail sent afterwards (and slowly).
    const reset = await httpPerson(portal.baseURL).post("/forgot-password", { email: account.email });
    expect(reset.status).toBe(303);

    portal.signal("SIGTERM");
    await sleep(500);
    // Not ready, and no new connection is taken.
    const refused = await fetch(`${portal.baseURL}/healthz`, { signal: AbortSignal.timeout(3_000) }).then(
      () => "answered",
      () => "refused",
    );
    expect(refused).toBe("refused");
    expect(portal.output()).toContain("SIGTERM: finishing the requests in flight");

    await sleep(1_000);
    let exitedEarly = false;
    void portal.exited.then(() => (exitedEarly = true));
    await sleep(0);
    expect(exitedEarly, "the server waited for the request in flight").toBe(false);
    await reserved`rollback`;
    reserved.release();
    await holder.end({ timeout: 1 });

    const answer = await pending;
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(/^\/questions\/[0-9a-f-]{36}\?done=raised$/);
    const code = await Promise.race([portal.exited, sleep(15_000).then(() => "still running")]);
    expect(code).toBe(0);
    expect(portal.output()).toContain("Stopped: every request and job finished.");
    const [{ n }] = await database.sql<{ n: number }[]>`select count(*)::int as n from questions where text = ${text}`;
    expect(n).toBe(1);
    expect(smtp.mails.filter((mail) => mail.includes(account.email) && /reset-password\//.test(mail))).toHaveLength(1);
  });
});
