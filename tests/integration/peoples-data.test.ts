/**
 * People's data (issue #20 item 6; docs/decisions/031-peoples-data-and-retention.md): a
 * follower sees, downloads and deletes everything held about their address from the manage
 * link, audited without the address; an administrator sets how long sent e-mails and sign-in
 * records are kept (a clear message beside a field for 0, negative or absurd values), and the
 * retention job removes older ones; the privacy notice and security.txt.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getRetention } from "~/models/records";
import { removeExpiredRecords } from "~/server/retention.server";
import { auditLog, oneTimeTokens, outbox, rateLimits, sessions, signInAttempts, subscriptions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let meeting: { id: string; title: string };
let body: { id: string; name: string };
const FOLLOWER = "data-subject@example.org";
const OTHER = "someone-else@example.org";
let manage: string;

async function followAndConfirm(email: string, type: string, id: string): Promise<string> {
  const asked = await send(server, `/follow?type=${type}&id=${id}`, { form: { type, id, email } });
  expect(asked.status).toBe(303);
  const mails = await db().select().from(outbox).where(eq(outbox.toAddress, email));
  const link = mails
    .map((m) => /\/follow\/confirm\/[A-Za-z0-9_-]+/.exec(m.body)?.[0])
    .filter(Boolean)
    .at(-1)!;
  const confirmed = await send(server, link, { method: "POST", form: {} });
  expect(confirmed.status).toBe(303);
  return confirmed.headers.get("location")!.replace(/\?.*$/, "");
}

/** The page's HTML without React's text separators (`<!-- -->`). */
const page = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

const auditText = async () => JSON.stringify(await db().select().from(auditLog));

beforeAll(async () => {
  server = await startTestServer();
  body = await makeBody({ name: "Data Board" });
  meeting = await makeMeeting(body.id, { title: "Data meeting" });
  manage = await followAndConfirm(FOLLOWER, "meeting", meeting.id);
  await followAndConfirm(FOLLOWER, "body", body.id);
  await followAndConfirm(OTHER, "meeting", meeting.id);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("a follower's own data, from the manage link", () => {
  it("the manage page links to it", async () => {
    const html = await page(await send(server, manage));
    expect(html).toContain(`href="${manage}/data"`);
    expect(html).toContain("See, download or delete everything we hold about");
  });

  it("shows the address, what it follows and the e-mails to it, with their links hidden, and nobody else's", async () => {
    const response = await send(server, `${manage}/data`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    const html = await page(response);
    expect(html).toContain(FOLLOWER);
    expect(html).toContain("Data meeting");
    expect(html).toContain("Data Board");
    expect(html).toContain("Confirm that you want to follow: Data Board: Data meeting");
    expect(html).toContain("/follow/confirm/[link hidden]");
    expect(html).not.toContain(OTHER);
    const mails = await db().select().from(outbox).where(eq(outbox.toAddress, FOLLOWER));
    for (const m of mails) {
      const token = /\/follow\/confirm\/([A-Za-z0-9_-]+)/.exec(m.body)?.[1];
      if (token) expect(html).not.toContain(token);
    }
  });

  it("downloads it as JSON, and the audit log records the download without the address", async () => {
    const response = await send(server, `${manage}/data.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    const data = (await response.json()) as { email: string; follows: { title: string; confirmedAt: string | null }[]; emails: { subject: string }[] };
    expect(data.email).toBe(FOLLOWER);
    expect(data.follows.map((f) => f.title).sort()).toEqual(["Data Board", expect.stringContaining("Data meeting")].sort());
    expect(data.follows.every((f) => f.confirmedAt)).toBe(true);
    const mailCount = (await db().select().from(outbox).where(eq(outbox.toAddress, FOLLOWER))).length;
    expect(data.emails).toHaveLength(mailCount);
    expect(JSON.stringify(data)).not.toContain(OTHER);
    const [download] = await db().select().from(auditLog).where(eq(auditLog.action, "download")).orderBy(auditLog.id);
    expect(download.entityType).toBe("follower_data");
    expect(JSON.stringify(download)).not.toContain(FOLLOWER);
  });

  it("a link that is not valid shows nothing", async () => {
    const fake = `/follow/manage/00000000-0000-4000-8000-000000000000.${"a".repeat(43)}`;
    expect((await send(server, `${fake}/data`)).status).toBe(404);
    expect((await send(server, `${fake}/data.json`)).status).toBe(404);
    expect((await send(server, `${fake}/data`, { form: { confirm: "yes" } })).status).toBe(404);
  });

  it("deleting asks for the box to be ticked, with the message beside it, and deletes nothing until it is", async () => {
    const response = await send(server, `${manage}/data`, { form: {} });
    expect(response.status).toBe(400);
    const html = await page(response);
    expect(html).toMatch(/<title>Error: /);
    expect(html).toMatch(/id="confirm-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span>\s*Tick the box/);
    expect(html).toContain('href="#confirm"');
    expect(await db().select().from(subscriptions).where(eq(subscriptions.email, FOLLOWER))).toHaveLength(2);
  });

  it("deletes everything about the address and nothing of anyone else's; the audit log records it and never held the address", async () => {
    await db().insert(rateLimits).values({ key: `follow-email:${FOLLOWER}`, windowStart: new Date(), count: 2 }).onConflictDoNothing();
    const response = await send(server, `${manage}/data`, { form: { confirm: "yes" } });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/privacy?deleted");
    expect(await db().select().from(subscriptions).where(eq(subscriptions.email, FOLLOWER))).toEqual([]);
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, FOLLOWER))).toEqual([]);
    expect(await db().select().from(rateLimits).where(eq(rateLimits.key, `follow-email:${FOLLOWER}`))).toEqual([]);
    expect(await db().select().from(subscriptions).where(eq(subscriptions.email, OTHER))).toHaveLength(1);
    expect((await db().select().from(outbox).where(eq(outbox.toAddress, OTHER))).length).toBeGreaterThan(0);
    const [erase] = await db().select().from(auditLog).where(eq(auditLog.action, "erase")).orderBy(auditLog.id);
    expect((erase.after as { follows: string[] }).follows).toHaveLength(2);
    expect(await auditText()).not.toContain(FOLLOWER);
    expect((await send(server, manage)).status).toBe(404);
    expect((await send(server, `${manage}/data`)).status).toBe(404);
    const privacy = await page(await send(server, "/privacy?deleted"));
    expect(privacy).toContain("Everything we held about your e-mail address has been deleted");
  });
});

describe("how long people's data is kept", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await cookieFor((await makeUser("admin")).id);
  });

  async function postRetention(values: Record<string, string>, cookie = admin) {
    const html = await page(await send(server, "/admin/settings", { cookie }));
    const version = /name="intent" value="retention"\/><input type="hidden" name="version" value="(-?\d+)"/.exec(html)?.[1] ?? "0";
    return send(server, "/admin/settings", { cookie, form: { intent: "retention", version, ...values } });
  }

  it.each([
    ["0", /at least 1 day/],
    ["-5", /at least 1 day/],
    ["99999", /at most 3650 days/],
    ["ninety", /as a whole number/],
    ["", /Enter how many days/],
  ])("refuses %j days with a message beside the field, keeping what was typed", async (typed, message) => {
    const before = await getRetention();
    const response = await postRetention({ outboxDays: typed, signInDays: "30" });
    expect(response.status).toBe(400);
    const html = await page(response);
    const beside = new RegExp(`id="outboxDays-error"[^>]*>\\s*<span class="govuk-visually-hidden">Error:</span>\\s*([^<]*)<`).exec(html)?.[1] ?? "";
    expect(beside).toMatch(message);
    expect(html).toContain(`value="${typed}"`);
    expect(html).not.toContain('id="signInDays-error"');
    expect(await getRetention()).toEqual(before);
  });

  it("saves whole numbers of days, audited; only an administrator may", async () => {
    const clerk = await cookieFor((await makeUser("clerk")).id);
    expect((await send(server, "/admin/settings", { cookie: clerk, form: { intent: "retention", outboxDays: "1", signInDays: "1", version: "0" } })).status).toBe(403);
    const response = await postRetention({ outboxDays: "30", signInDays: "7" });
    expect(response.status).toBe(303);
    expect(await getRetention()).toEqual({ outboxDays: 30, signInDays: 7 });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, "retention")).orderBy(auditLog.id);
    expect(audit.after).toEqual({ outboxDays: 30, signInDays: 7 });
    const privacy = await page(await send(server, "/privacy"));
    expect(privacy).toContain("kept for 30 days after they");
    expect(privacy).toContain("deleted after 7 days");
  });

  it("the retention job removes sent e-mails and sign-in records older than the settings, and keeps the rest", async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3_600_000);
    const user = await makeUser("member");
    const mails = await db()
      .insert(outbox)
      .values([
        { toAddress: "old@example.org", subject: "old", body: "b", createdAt: daysAgo(40), sentAt: daysAgo(40), attempts: 1 },
        { toAddress: "recent@example.org", subject: "recent", body: "b", createdAt: daysAgo(5), sentAt: daysAgo(5), attempts: 1 },
        { toAddress: "gave-up@example.org", subject: "gave up", body: "b", createdAt: daysAgo(40), attempts: 5 },
        { toAddress: "waiting@example.org", subject: "waiting", body: "b", createdAt: daysAgo(40), attempts: 1 },
      ])
      .returning();
    await db().insert(signInAttempts).values([
      { key: "old-failure", failures: 2, firstFailureAt: daysAgo(10) },
      { key: "recent-failure", failures: 1, firstFailureAt: daysAgo(1) },
      { key: "locked-out", failures: 9, firstFailureAt: daysAgo(10), lockedUntil: new Date(now.getTime() + 3_600_000) },
    ]);
    await db().insert(sessions).values([
      { id: "expired-session", userId: user.id, expiresAt: daysAgo(1), absoluteExpiresAt: daysAgo(1), ipAddress: "192.0.2.1" },
      { id: "live-session", userId: user.id, expiresAt: new Date(now.getTime() + 600_000), absoluteExpiresAt: new Date(now.getTime() + 3_600_000) },
    ]);
    await db().insert(oneTimeTokens).values([
      { tokenHash: "used-long-ago", userId: user.id, purpose: "password_reset", expiresAt: daysAgo(9), usedAt: daysAgo(9), createdAt: daysAgo(10) },
      { tokenHash: "still-open", userId: user.id, purpose: "invite", expiresAt: new Date(now.getTime() + 86_400_000), createdAt: daysAgo(10) },
    ]);

    const run = await removeExpiredRecords({ now });
    expect(run.emails).toBeGreaterThanOrEqual(2);

    const left = (await db().select().from(outbox).where(inArray(outbox.id, mails.map((m) => m.id)))).map((m) => m.subject).sort();
    expect(left).toEqual(["recent", "waiting"]);
    const keys = (await db().select().from(signInAttempts)).map((a) => a.key);
    expect(keys).not.toContain("old-failure");
    expect(keys).toEqual(expect.arrayContaining(["recent-failure", "locked-out"]));
    const sessionIds = (await db().select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id);
    expect(sessionIds).toEqual(["live-session"]);
    const tokens = (await db().select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id))).map((t) => t.tokenHash);
    expect(tokens).toContain("still-open");
    expect(tokens).not.toContain("used-long-ago");
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "remove_expired")).orderBy(auditLog.id);
    expect(audit.after).toMatchObject({ emails: run.emails, sessions: run.sessions });

    // Run again: nothing more to remove, and nothing more in the audit log.
    const again = await removeExpiredRecords({ now });
    expect(again.emails + again.sessions + again.signInFailures + again.oneTimeLinks).toBe(0);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "remove_expired")).orderBy(auditLog.id)).toHaveLength(1);
  });
});

describe("the privacy notice and security.txt", () => {
  it("every page's footer links to the privacy notice, which says what is held and why", async () => {
    const home = await page(await send(server, "/"));
    expect(home).toMatch(/<a class="govuk-footer__link"[^>]* href="\/privacy">Privacy notice<\/a>/);
    const privacy = await page(await send(server, "/privacy"));
    for (const words of ["UK General Data Protection Regulation", "your e-mail address", "The audit log", "Your rights", "Information Commissioner"]) {
      expect(privacy).toContain(words);
    }
  });

  it("/.well-known/security.txt says where to report a vulnerability and until when it holds", async () => {
    const response = await send(server, "/.well-known/security.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^Contact: (mailto:|https?:\/\/)\S+$/m);
    const expires = new Date(/^Expires: (\S+)$/m.exec(text)![1]);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(expires.getTime()).toBeLessThan(Date.now() + 365 * 24 * 3_600_000);
    expect(text).toMatch(/^Canonical: https?:\/\/\S+\/\.well-known\/security\.txt$/m);
  });
});
