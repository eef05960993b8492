/**
 * Accounts through the real app: invitations and password resets by one-time
 * links, the outbox, role changes, bad input, the audit log, and forms posted
 * after a session ended.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { db } from "~/db.server";
import { recordAudit } from "~/models/records";
import { settleAfterResponse } from "~/server/after-response";
import { auditLog, bodies, memberships, oneTimeTokens, organisations, outbox, sessions, users } from "../../db/schema";
import { cookieFor, makeUser, TEST_PASSWORD } from "../support/accounts";
import { cookieFrom, send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let admin: { id: string; email: string };
let adminCookie: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await makeUser("admin", { email: "the-admin@example.org", name: "The Admin" });
  adminCookie = await cookieFor(admin.id);
});
afterAll(async () => {
  setClockForTests(null);
  await server?.close();
});
let quiet: { mockRestore: () => void } | undefined;
/** The outbox writes e-mails to the log (no SMTP in tests): keep the output readable. */
function quietLog() {
  quiet ??= vi.spyOn(console, "log").mockImplementation(() => {});
}
afterEach(() => {
  setClockForTests(null);
  quiet?.mockRestore();
  quiet = undefined;
});

/** Posts as the admin, with the console quiet (the outbox logs e-mails). */
async function asAdmin(path: string, form: Record<string, string>) {
  quietLog();
  return send(server, path, { cookie: adminCookie, form });
}

async function countUsers() {
  const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}

async function linkFromOutbox(to: string, kind: "invite" | "reset-password"): Promise<string> {
  const rows = await db().select().from(outbox).where(eq(outbox.toAddress, to));
  const body = rows.map((r) => r.body).join("\n");
  const match = body.match(new RegExp(`http://[^\\s]+/${kind}/([A-Za-z0-9_-]+)`, "g"));
  expect(match, `no ${kind} link in e-mails to ${to}`).toBeTruthy();
  return new URL(match![match!.length - 1]).pathname;
}

describe("inviting someone", () => {
  it("creates the account, e-mails a one-time link the outbox page shows, and the link sets a password once", async () => {
    const response = await asAdmin("/admin/users/new", {
      name: "Casey Clerk",
      email: "  Casey.Clerk@Example.org ",
      role: "clerk",
      organisationId: "",
      bodyId: "",
    });
    expect(response.status).toBe(303);
    const [user] = await db().select().from(users).where(eq(users.email, "casey.clerk@example.org"));
    expect(user).toMatchObject({ name: "Casey Clerk", role: "clerk", passwordHash: null });
    expect(response.headers.get("location")).toBe(`/admin/users/${user.id}?invited`);

    // The e-mail, sent to the log (no SMTP), is on the admin outbox page, its link's
    // token hidden (docs/decisions/011-outbox-masks-tokens.md).
    const [email] = await db().select().from(outbox).where(eq(outbox.toAddress, user.email));
    expect(email.sentAt).not.toBeNull();
    const outboxPage = await (await send(server, "/admin/outbox", { cookie: adminCookie })).text();
    const path = await linkFromOutbox(user.email, "invite");
    expect(outboxPage).toContain("/invite/[link hidden]");
    expect(outboxPage).not.toContain(path);

    // The token is stored only as its SHA-256, and lives 7 days.
    const token = path.split("/").pop()!;
    const [stored] = await db().select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id));
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await db().select().from(oneTimeTokens))).not.toContain(token);
    const lifetime = stored.expiresAt.getTime() - stored.createdAt.getTime();
    expect(lifetime).toBe(7 * 24 * 3600 * 1000);
    // The audit log never holds the token either.
    expect(JSON.stringify(await db().select().from(auditLog))).not.toContain(token);

    const form = await send(server, path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("casey.clerk@example.org");

    // A weak password: a message, the link still works.
    const weak = await send(server, path, { form: { password: "password1234", confirmPassword: "password1234" } });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("too easy to guess");

    const set = await send(server, path, {
      form: { password: "casey picks a long one", confirmPassword: "casey picks a long one", role: "admin" },
    });
    expect(set.status).toBe(303);
    expect(set.headers.get("location")).toBe("/sign-in?invited");
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.role).toBe("clerk"); // the extra role=admin field was ignored

    // Used once: the second time says so, and changes nothing.
    const reused = await send(server, path, {
      form: { password: "someone else's choice", confirmPassword: "someone else's choice" },
    });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("has already been used");
    const [still] = await db().select().from(users).where(eq(users.id, user.id));
    expect(still.passwordHash).toBe(after.passwordHash);

    const signIn = await send(server, "/sign-in", {
      form: { _signIn: "1", email: "casey.clerk@example.org", password: "casey picks a long one" },
    });
    expect(signIn.status).toBe(303);
  });

  it("an invitation link expires after 7 days", async () => {
    let clock = new Date("2025-01-06T09:00:00Z");
    setClockForTests(() => clock);
    await asAdmin("/admin/users/new", { name: "Late Larry", email: "larry@example.org", role: "member", organisationId: "", bodyId: "" });
    const path = await linkFromOutbox("larry@example.org", "invite");
    clock = new Date("2025-01-13T08:59:59Z");
    expect((await send(server, path)).status).toBe(200);
    clock = new Date("2025-01-13T09:00:00Z");
    const expired = await send(server, path);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("has expired");
    const posted = await send(server, path, { form: { password: "larry is too late now", confirmPassword: "larry is too late now" } });
    expect(posted.status).toBe(410);
  });

  it("a new invitation replaces the old link", async () => {
    await asAdmin("/admin/users/new", { name: "Re Invite", email: "reinvite@example.org", role: "clerk", organisationId: "", bodyId: "" });
    const first = await linkFromOutbox("reinvite@example.org", "invite");
    const [user] = await db().select().from(users).where(eq(users.email, "reinvite@example.org"));
    const again = await asAdmin(`/admin/users/${user.id}`, { intent: "resend-invite" });
    expect(again.status).toBe(303);
    const second = await linkFromOutbox("reinvite@example.org", "invite");
    expect(second).not.toBe(first);
    expect((await send(server, first)).status).toBe(410);
    expect((await send(server, second)).status).toBe(200);
  });

  it("makes a member's person record and membership, and an officer's organisation link", async () => {
    const [org] = await db().insert(organisations).values({ slug: "invite-trust", name: "Invite Trust" }).returning();
    const [body] = await db().insert(bodies).values({ slug: "invite-board", name: "Invite Board" }).returning();
    expect(
      (await asAdmin("/admin/users/new", { name: "Mo Member", email: "mo@example.org", role: "member", organisationId: "", bodyId: body.id })).status,
    ).toBe(303);
    expect(
      (await asAdmin("/admin/users/new", { name: "Olu Officer", email: "olu@example.org", role: "officer", organisationId: org.id, bodyId: "" })).status,
    ).toBe(303);
    const [mo] = await db().select().from(users).where(eq(users.email, "mo@example.org"));
    const [olu] = await db().select().from(users).where(eq(users.email, "olu@example.org"));
    expect(mo.personId).not.toBeNull();
    const membership = await db().select().from(memberships).where(eq(memberships.personId, mo.personId!));
    expect(membership.map((m) => m.bodyId)).toEqual([body.id]);
    expect(olu.organisationId).toBe(org.id);
    expect(olu.personId).not.toBeNull();
  });

  it.each([
    ["an empty form", {}, ["Enter the person&#x27;s full name", "Enter an email address", "Select a role"]],
    ["an over-long name", { name: "N".repeat(101), email: "n@example.org", role: "clerk" }, ["100 characters or fewer"]],
    ["an over-long email", { name: "N", email: `${"e".repeat(250)}@example.org`, role: "clerk" }, ["254 characters or fewer"]],
    ["a NUL byte in the name", { name: "Nul\u0000Name", email: "nul@example.org", role: "clerk" }, ["could not be read"]],
    ["a line break in the name", { name: "Two\nLines", email: "lines@example.org", role: "clerk" }, ["line breaks"]],
    ["an unknown role", { name: "N", email: "r@example.org", role: "superuser" }, ["Select a role"]],
    ["an officer with no organisation", { name: "N", email: "o@example.org", role: "officer" }, ["Select the officer&#x27;s organisation"]],
    ["an organisation id that is not one", { name: "N", email: "o2@example.org", role: "officer", organisationId: "'; drop table users; --" }, ["Select an organisation from the list"]],
    ["an address already in use", { name: "Dup", email: "THE-ADMIN@example.org", role: "clerk" }, ["already exists"]],
  ])("%s: 400 with the message beside the field, what was typed kept, nothing stored", async (_name, fields, messages) => {
    const before = await countUsers();
    const response = await asAdmin("/admin/users/new", { organisationId: "", bodyId: "", ...fields });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: Invite someone/);
    expect(html).toContain('class="govuk-error-summary"');
    for (const m of messages) {
      expect(html).toContain(m);
    }
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span>');
    if ("email" in fields && fields.email && !fields.email.includes("\u0000")) {
      expect(html).toContain(`value="${(fields.email as string).replace(/'/g, "&#x27;")}"`);
    }
    expect(await countUsers()).toBe(before);
  });

  it("invalid UTF-8 in a field is refused with a message, never a 500", async () => {
    quietLog();
    const response = await send(server, "/admin/users/new", {
      cookie: adminCookie,
      body: "name=Bad%C3%28Name&email=bad%40example.org&role=clerk&organisationId=&bodyId=",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("could not be read");
  });
});

describe("forgot password", () => {
  it("e-mails a 1-hour reset link to a known address, and answers the same for an unknown one", async () => {
    let clock = new Date("2025-02-10T12:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("member");
    const other = await cookieFor(user.id);
    quietLog();
    const known = await send(server, "/forgot-password", { form: { email: user.email.toUpperCase(), role: "admin" } });
    const unknown = await send(server, "/forgot-password", { form: { email: "no-one@example.org" } });
    // The same answer: status, address, body, and the page it leads to.
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    expect(await known.text()).toBe(await unknown.text());
    const pages = await Promise.all([known, unknown].map(async (r) => (await send(server, r.headers.get("location")!)).text()));
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, "");
    expect(pages[0]).toContain("Check your email");
    expect(withoutNonce(pages[0])).toBe(withoutNonce(pages[1]));
    // The reset is looked up and queued after the answer was sent: a mail only for the known address.
    await settleAfterResponse();
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, "no-one@example.org"))).toEqual([]);
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, user.email))).toHaveLength(1);

    const path = await linkFromOutbox(user.email, "reset-password");
    clock = new Date("2025-02-10T12:59:00Z");
    const reset = await send(server, path, {
      form: { password: "fresh start passphrase", confirmPassword: "fresh start passphrase" },
    });
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toBe("/sign-in?reset");
    // Every session of the account has ended.
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await send(server, "/account", { cookie: other })).status).toBe(302);
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.role).toBe("member");
  });

  it("answers before anything about the account is looked up or written", async () => {
    const user = await makeUser("member");
    const later: (() => Promise<unknown>)[] = [];
    const { action } = await import("~/routes/forgot-password");
    const request = new Request("http://portal.test/forgot-password", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: user.email }).toString(),
    });
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const response = (await action({ request, params: {}, context: { afterResponse: (task) => later.push(task) } })) as Response;
    expect(response.status).toBe(303);
    // Answered: nothing written yet, one piece of work waiting for after the response.
    expect(later).toHaveLength(1);
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, user.email))).toEqual([]);
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(auditLog)).toEqual(before);
    quietLog();
    await later[0]();
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, user.email))).toHaveLength(1);
  });

  it("a reset link expires after an hour", async () => {
    let clock = new Date("2025-02-11T12:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("clerk");
    quietLog();
    await send(server, "/forgot-password", { form: { email: user.email } });
    await settleAfterResponse();
    const path = await linkFromOutbox(user.email, "reset-password");
    clock = new Date("2025-02-11T13:00:00Z");
    const response = await send(server, path);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("has expired");
  });

  it("a made-up token is a clear message, not an error", async () => {
    for (const path of ["/reset-password/abc", `/invite/${"x".repeat(500)}`, "/reset-password/..%2F..%2Fadmin"]) {
      const response = await send(server, path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("This link cannot be used");
    }
    // An address that is not valid UTF-8, or holds a NUL byte: a 400 that says so (app/server/bad-input.ts).
    const nul = await send(server, "/invite/a%00b");
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain("could not be read");
    const broken = await send(server, "/reset-password/%FF%FE");
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("could not be read");
  });
});

describe("roles and disabling", () => {
  it("an admin changes a role; the audit log has the values before and after", async () => {
    const user = await makeUser("member");
    const userCookie = await cookieFor(user.id);
    expect((await send(server, "/admin", { cookie: userCookie })).status).toBe(403);
    const response = await asAdmin(`/admin/users/${user.id}`, { intent: "change-role", role: "admin", organisationId: "" });
    expect(response.status).toBe(303);
    // A new role ends the person's sessions: they sign in again, under a new session id (docs/decisions/028).
    expect((await send(server, "/admin", { cookie: userCookie })).status).toBe(302);
    expect((await send(server, "/admin", { cookie: await cookieFor(user.id) })).status).toBe(200);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "change_role")));
    expect(entry.userId).toBe(admin.id);
    expect(entry.before).toEqual({ role: "member", organisationId: null });
    expect(entry.after).toEqual({ role: "admin", organisationId: null, sessionsEnded: true });
  });

  it("an admin cannot change their own role or disable themselves", async () => {
    const forms: Record<string, string>[] = [{ intent: "change-role", role: "member", organisationId: "" }, { intent: "disable" }];
    for (const form of forms) {
      const response = await asAdmin(`/admin/users/${admin.id}`, form);
      expect(response.status).toBe(400);
    }
    const [row] = await db().select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ role: "admin", disabledAt: null });
  });

  it("a clerk cannot reach the admin pages' actions (403), and nothing changes", async () => {
    const clerk = await makeUser("clerk");
    const victim = await makeUser("member");
    const response = await send(server, `/admin/users/${victim.id}`, {
      cookie: await cookieFor(clerk.id),
      form: { intent: "change-role", role: "admin" },
    });
    expect(response.status).toBe(403);
    const [row] = await db().select().from(users).where(eq(users.id, victim.id));
    expect(row.role).toBe("member");
  });
});

describe("the audit log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    await recordAudit(db(), { userId: null, action: "probe", entityType: "probe", entityId: "1" });
    await expect(db().update(auditLog).set({ action: "tampered" }).where(eq(auditLog.action, "probe"))).rejects.toThrow();
    await expect(db().delete(auditLog).where(eq(auditLog.action, "probe"))).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await db().select().from(auditLog).where(eq(auditLog.action, "probe")).orderBy(auditLog.id)).length).toBe(1);
  });

  it("admins browse it filtered by record and paginated; a record's history is one link away", async () => {
    const user = await makeUser("member");
    for (let i = 0; i < 3; i += 1) {
      await asAdmin(`/admin/users/${user.id}`, { intent: "change-role", role: i % 2 ? "member" : "clerk", organisationId: "" });
    }
    const userPage = await (await send(server, `/admin/users/${user.id}`, { cookie: adminCookie })).text();
    const historyHref = `/admin/audit?entityType=user&amp;entityId=${user.id}`;
    expect(userPage).toContain(historyHref);
    const history = await (await send(server, `/admin/audit?entityType=user&entityId=${user.id}`, { cookie: adminCookie })).text();
    expect(history.match(/<strong>change_role<\/strong>/g)).toHaveLength(3);
    expect(history).toContain("The Admin");
    expect(history).toContain("&quot;role&quot;: &quot;clerk&quot;");

    for (let i = 0; i < 55; i += 1) {
      await recordAudit(db(), { userId: null, action: "bulk", entityType: "probe-page", entityId: "p" });
    }
    const first = await (await send(server, "/admin/audit?entityType=probe-page", { cookie: adminCookie })).text();
    expect(first.match(/<strong>bulk<\/strong>/g)).toHaveLength(50);
    expect(first).toContain("page=2");
    const second = await (await send(server, "/admin/audit?entityType=probe-page&page=2", { cookie: adminCookie })).text();
    expect(second.match(/<strong>bulk<\/strong>/g)).toHaveLength(5);
    // Malformed filters are ignored, never an error; an address that cannot be read is refused at the door (400).
    const odd = await send(server, "/admin/audit?entityType=probe&userId=not-a-uuid&page=-3", { cookie: adminCookie });
    expect(odd.status).toBe(200);
    expect((await send(server, "/admin/audit?entityType=%00%FF", { cookie: adminCookie })).status).toBe(400);
  });

  it("records who signed in and out, never the session id or password", async () => {
    const user = await makeUser("officer");
    const signIn = await send(server, "/sign-in", { form: { _signIn: "1", email: user.email, password: TEST_PASSWORD } });
    const cookie = cookieFrom(signIn, "session")!;
    await send(server, "/sign-out", { cookie, form: {} });
    const rows = await db().select().from(auditLog).where(eq(auditLog.entityId, user.id)).orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["create", "sign_in", "sign_out"]));
    const text = JSON.stringify(rows);
    expect(text).not.toContain(cookie.split("=")[1]);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain("$argon2id$");
  });
});

describe("a form posted after the session ended", () => {
  it("is answered with a sign-in prompt that keeps what was typed, and can be sent after signing in", async () => {
    const typed = {
      name: "Priya Patel — Chair’s nominee",
      email: "priya@example.org",
      role: "clerk",
      organisationId: "",
      bodyId: "",
    };
    // The session has ended: the form's action sends it on to sign in with 307.
    const expired = await send(server, "/admin/users/new", { cookie: "session=endedendedendedendedendedendedendedended", form: typed });
    expect(expired.status).toBe(307);
    const location = expired.headers.get("location")!;
    expect(location).toBe("/sign-in?redirectTo=%2Fadmin%2Fusers%2Fnew");

    // The browser posts the same body to the sign-in page.
    const prompt = await send(server, location, { form: typed });
    expect(prompt.status).toBe(200);
    const html = await prompt.text();
    expect(html).toContain("Your session has ended");
    expect(html).toContain("Priya Patel — Chair’s nominee");
    const preserved = html.match(/name="_preserved" value="([^"]*)"/)?.[1];
    expect(preserved).toBeTruthy();
    const decoded = preserved!.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#x27;/g, "'");

    // Sign in (the kept fields ride along); nothing is sent yet.
    const before = await countUsers();
    const signedIn = await send(server, location, {
      form: { _signIn: "1", redirectTo: "/admin/users/new", email: admin.email, password: TEST_PASSWORD, _preserved: decoded },
    });
    expect(signedIn.status).toBe(200);
    const cookie = cookieFrom(signedIn, "session");
    expect(cookie).toBeTruthy();
    const page = await signedIn.text();
    expect(page).toContain("You are signed in");
    expect(page).toContain('action="/admin/users/new"');
    expect(page).toContain('name="name" value="Priya Patel — Chair’s nominee"');
    expect(await countUsers()).toBe(before);

    // "Send what you typed" posts the kept fields to the original form.
    const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(
      (m) => [m[1], m[2].replace(/&amp;/g, "&")] as [string, string],
    );
    quietLog();
    const sent = await send(server, "/admin/users/new", { cookie, form: fields });
    expect(sent.status).toBe(303);
    const [created] = await db().select().from(users).where(eq(users.email, "priya@example.org"));
    expect(created.name).toBe("Priya Patel — Chair’s nominee");
  });

  it("never keeps passwords", async () => {
    const response = await send(server, "/sign-in?redirectTo=%2Faccount", {
      form: { intent: "change-password", currentPassword: "old secret value", newPassword: "new secret value" },
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).not.toContain("secret value");
    expect(html).toContain("change-password");
  });
});
