/**
 * No secret reaches the server log (issue #22, item 16): a run that signs in,
 * asks for a password reset, follows by e-mail, writes the e-mails out with no
 * mail server, and then has its queries fail (the sessions and follow tables
 * gone, as in an outage or a broken migration) is captured whole: every
 * console call and every write to stdout and stderr. None of it may hold the
 * session id, the password, a reset or follow token, or an e-mail body; the
 * failures are still logged, by the query's shape and code.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { sendPendingEmails } from "~/models/publishing";
import { settleAfterResponse } from "~/server/after-response";
import { outbox } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../support/accounts";
import { makeBody, makeMeeting } from "../support/factories";
import { cookieFrom, send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Captures everything written to the console, stdout and stderr while `run` runs. */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map((a) => (a instanceof Error ? `${a.stack}\n${JSON.stringify(a)}` : typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" "));
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (record(String(chunk)), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (record(String(chunk)), true)),
    vi.spyOn(console, "log").mockImplementation(record),
    vi.spyOn(console, "info").mockImplementation(record),
    vi.spyOn(console, "warn").mockImplementation(record),
    vi.spyOn(console, "debug").mockImplementation(record),
    vi.spyOn(console, "trace").mockImplementation(record),
  ];
  // console.error is already spied by tests/support/setup.ts (which fails a test on it): record instead.
  vi.mocked(console.error).mockImplementation(record);
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks.join("\n");
}

const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]{20,})`).exec(body)?.[1];

describe("the server log", () => {
  it("holds no session id, password, token or e-mail body through sign-in, e-mails and failed queries", async () => {
    const email = `log-secrets-${Date.now()}@example.org`;
    await makeUser("member", { email });
    const body = await makeBody({ name: "Log Board" });
    const meeting = await makeMeeting(body.id, { title: "Logged meeting" });
    const secrets: Record<string, string> = { password: TEST_PASSWORD };
    let failures = 0;

    const output = await captureOutput(async () => {
      // Sign in over HTTP, as a person does.
      const signIn = await send(server, "/sign-in?redirectTo=%2F", { form: { _signIn: "1", email, password: TEST_PASSWORD } });
      expect(signIn.status).toBe(303);
      const cookie = cookieFrom(signIn)!;
      expect(cookie).toBeTruthy();
      secrets.sessionId = cookie.split("=")[1];
      expect((await send(server, "/account", { cookie })).status).toBe(200);

      // E-mails with one-time links: a password reset and a follow confirmation.
      expect((await send(server, "/forgot-password", { form: { email } })).status).toBe(303);
      await settleAfterResponse();
      const follower = `follower-${Date.now()}@example.org`;
      const followed = await send(server, `/follow?type=meeting&id=${meeting.id}`, { form: { type: "meeting", id: meeting.id, email: follower } });
      expect(followed.status).toBe(303);
      const [reset] = await db().select().from(outbox).where(eq(outbox.toAddress, email));
      const [confirm] = await db().select().from(outbox).where(eq(outbox.toAddress, follower));
      secrets.resetToken = linkToken(reset.body, "/reset-password")!;
      secrets.followToken = linkToken(confirm.body, "/follow/confirm")!;
      secrets.resetBody = reset.body.split("\n").find((line) => line.includes("/reset-password/"))!;
      secrets.followBody = confirm.body.split("\n").find((line) => line.includes("/follow/confirm/"))!;
      for (const [name, value] of Object.entries(secrets)) expect(value, name).toBeTruthy();

      // No SMTP_URL: the e-mails go to the log transport (after the response, or now).
      await settleAfterResponse();
      await sendPendingEmails({ limit: 500 });
      for (const id of [reset.id, confirm.id]) {
        const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
        expect(row.sentAt).not.toBeNull();
      }

      // Queries fail while the tables are gone: every signed-in request looks its
      // session up by the cookie's id, and the follow link looks its token up.
      await db().execute(sql`alter table sessions rename to sessions_away`);
      await db().execute(sql`alter table subscriptions rename to subscriptions_away`);
      try {
        for (const path of ["/account", "/", "/meetings"]) {
          const response = await send(server, path, { cookie });
          expect(response.status, path).toBeGreaterThanOrEqual(500);
          failures += 1;
        }
        const link = await send(server, `/follow/confirm/${secrets.followToken}`);
        expect(link.status).toBeGreaterThanOrEqual(500);
        failures += 1;
        const post = await send(server, `/follow/confirm/${secrets.followToken}`, { method: "POST", form: {} });
        expect(post.status).toBeGreaterThanOrEqual(500);
      } finally {
        await db().execute(sql`alter table sessions_away rename to sessions`);
        await db().execute(sql`alter table subscriptions_away rename to subscriptions`);
      }
    });

    // Nothing secret is in the log.
    expect(failures).toBe(4);
    const found = Object.entries(secrets).filter(([, value]) => output.includes(value)).map(([name]) => name);
    expect(found, "secrets in the log").toEqual([]);
    // But the failures are, by their shape and code, and where each e-mail can be read.
    expect(output).toMatch(/Failed query \(code 42P01\): select .*"sessions"/);
    expect(output).toContain("/follow/confirm/…");
    expect(output).toContain("/admin/outbox");
  });
});
