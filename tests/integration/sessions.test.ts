/**
 * Sessions, through the real app with a fixed clock: cookie attributes, idle and
 * absolute expiry, sign-out, a new session on every sign-in, a password change
 * ending every session (this browser gets a new one), and the account page's list of sessions.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { createSession, deleteExpiredSessions, sessionCookie } from "~/auth/lucia.server";
import { db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { sessions } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../support/accounts";
import { cookieFrom, send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let clock = new Date("2025-03-03T09:00:00Z");
const MINUTE = 60_000;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  setClockForTests(null);
  await server?.close();
});

async function signIn(email: string, password = TEST_PASSWORD, cookie?: string | null) {
  const response = await send(server, "/sign-in", {
    form: { _signIn: "1", email, password, redirectTo: "/account" },
    cookie,
  });
  return { response, cookie: cookieFrom(response, "session") };
}

async function accountStatus(cookie: string | null) {
  const response = await send(server, "/account", { cookie });
  await response.text();
  return response.status;
}

async function sessionIds(userId: string) {
  return (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((s) => s.id);
}

describe("signing in", () => {
  afterEach(() => setClockForTests(null));

  it("sets an HttpOnly, SameSite=Lax session cookie that lives at most the absolute limit", async () => {
    const user = await makeUser("member");
    const { response } = await signIn(user.email);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account");
    const header = response.headers.getSetCookie().find((c) => c.startsWith("session="));
    expect(header).toBeDefined();
    const attributes = header!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain(`max-age=${12 * 3600}`);
    expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
    // Not Secure outside production (plain http on a developer's machine).
    expect(attributes).not.toContain("secure");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("with an https site address names the cookie __Host-session and marks it Secure, and sends HSTS", async () => {
    const previous = { NODE_ENV: process.env.NODE_ENV, SITE_URL: process.env.SITE_URL, TRUST_PROXY: process.env.TRUST_PROXY };
    process.env.NODE_ENV = "production";
    process.env.SITE_URL = "https://portal.test";
    // Behind a proxy that names the site in X-Forwarded-Host (fetch cannot set Host).
    process.env.TRUST_PROXY = "true";
    resetEnvForTests();
    let production: TestServer | undefined;
    try {
      const cookie = sessionCookie("abcdefghijklmnopqrstuvwxyz234567abcdefgh");
      expect(cookie.startsWith("__Host-session=")).toBe(true);
      production = await startTestServer();
      const site = { origin: "https://portal.test", headers: { "x-forwarded-host": "portal.test" } };
      const user = await makeUser("clerk");
      const response = await send(production, "/sign-in", {
        ...site,
        form: { _signIn: "1", email: user.email, password: TEST_PASSWORD },
      });
      expect(response.status).toBe(303);
      const header = response.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
      expect(header).toBeDefined();
      const attributes = header!.split(";").map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
      expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      // The __Host- cookie is the one read back.
      const id = header!.split(";")[0];
      expect((await send(production, "/account", { ...site, cookie: id })).status).toBe(200);
      expect((await send(production, "/account", { ...site, cookie: id.replace("__Host-session", "session") })).status).toBe(302);
    } finally {
      await production?.close();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvForTests();
    }
  });

  it("in production mode on plain http (no SITE_URL) keeps a plain session cookie and sends no HSTS", async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    resetEnvForTests();
    let production: TestServer | undefined;
    try {
      production = await startTestServer();
      const user = await makeUser("clerk");
      const response = await send(production, "/sign-in", { form: { _signIn: "1", email: user.email, password: TEST_PASSWORD } });
      expect(response.status).toBe(303);
      const header = response.headers.getSetCookie().find((c) => c.startsWith("session="));
      expect(header).toBeDefined();
      expect(header!.toLowerCase()).not.toContain("secure");
      expect(response.headers.get("strict-transport-security")).toBeNull();
      expect((await send(production, "/account", { cookie: header!.split(";")[0] })).status).toBe(200);
    } finally {
      await production?.close();
      process.env.NODE_ENV = previous;
      resetEnvForTests();
    }
  });

  it("starts a new session every time, and ends any session the browser presented", async () => {
    const user = await makeUser("member");
    const first = await signIn(user.email);
    const firstId = first.cookie!.split("=")[1];
    await send(server, "/sign-out", { cookie: first.cookie, form: {} });
    // Signing in again with the old (ended) cookie still in the browser.
    const second = await signIn(user.email, TEST_PASSWORD, first.cookie);
    const secondId = second.cookie!.split("=")[1];
    expect(secondId).not.toBe(firstId);
    expect(secondId).toMatch(/^[a-z0-9]{40}$/);
    expect(await sessionIds(user.id)).toEqual([secondId]);
  });

  it("will not use a session id chosen by someone else (fixation)", async () => {
    const user = await makeUser("member");
    const planted = "session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const { response, cookie } = await signIn(user.email, TEST_PASSWORD, planted);
    expect(response.status).toBe(303);
    expect(cookie).not.toBe(planted);
    expect(await sessionIds(user.id)).not.toContain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  });

  it("refuses a second sign-in while signed in, with a message, and stores nothing", async () => {
    const user = await makeUser("clerk");
    const other = await makeUser("admin");
    const { cookie } = await signIn(user.email);
    const again = await send(server, "/sign-in", {
      cookie,
      form: { _signIn: "1", email: other.email, password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("You are already signed in as");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await sessionIds(other.id)).toEqual([]);
    expect(await accountStatus(cookie)).toBe(200);
  });
});

describe("expiry", () => {
  afterEach(() => setClockForTests(null));

  it("ends a session after 30 minutes without a request", async () => {
    clock = new Date("2025-03-03T09:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("member");
    const { cookie } = await signIn(user.email);
    advance(29 * MINUTE);
    expect(await accountStatus(cookie)).toBe(200);
    // Activity moved the idle expiry on: 29 more minutes is fine.
    advance(29 * MINUTE);
    expect(await accountStatus(cookie)).toBe(200);
    // 30 minutes idle: gone, and the row is deleted.
    advance(30 * MINUTE);
    const response = await send(server, "/account", { cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?redirectTo=%2Faccount");
    // The dead cookie is cleared on the way to sign in.
    expect(response.headers.getSetCookie().some((c) => /^session=;/.test(c) && /max-age=0/i.test(c))).toBe(true);
    expect(await sessionIds(user.id)).toEqual([]);
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    clock = new Date("2025-03-04T08:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("officer");
    const { cookie } = await signIn(user.email);
    for (let i = 0; i < 12 * 3; i += 1) {
      advance(20 * MINUTE - 1);
      if (i < 12 * 3 - 1) expect(await accountStatus(cookie), `after ${(i + 1) * 20} minutes`).toBe(200);
    }
    // 12 hours minus 36 ms after sign-in: still fine.
    advance(36 - 1);
    expect(await accountStatus(cookie)).toBe(200);
    advance(1);
    expect(await accountStatus(cookie)).toBe(302);
    expect(await sessionIds(user.id)).toEqual([]);
  });
});

describe("sweeping", () => {
  afterEach(() => setClockForTests(null));

  it("deletes sessions past either limit, and only those", async () => {
    const user = await makeUser("member");
    const t0 = new Date("2025-03-05T09:00:00Z");
    const idle = await createSession(user.id, {}, { now: t0 });
    const live = await createSession(user.id, {}, { now: new Date(t0.getTime() + 20 * MINUTE) });
    const deleted = await deleteExpiredSessions({ now: new Date(t0.getTime() + 31 * MINUTE) });
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await sessionIds(user.id);
    expect(left).toContain(live.id);
    expect(left).not.toContain(idle.id);
  });
});

describe("ending sessions", () => {
  afterEach(() => setClockForTests(null));

  it("sign-out is POST only, ends the session on the server and clears the cookie", async () => {
    const user = await makeUser("member");
    const { cookie } = await signIn(user.email);
    const viaGet = await send(server, "/sign-out", { cookie });
    expect(viaGet.status).toBe(405);
    expect(await accountStatus(cookie)).toBe(200);

    const response = await send(server, "/sign-out", { cookie, form: {} });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in?signedOut");
    expect(response.headers.getSetCookie().some((c) => /^session=;/.test(c) && /max-age=0/i.test(c))).toBe(true);
    expect(await sessionIds(user.id)).toEqual([]);
    // The old cookie, replayed, opens nothing.
    expect(await accountStatus(cookie)).toBe(302);
  });

  it("a password change ends every other session and gives this browser a new one", async () => {
    const user = await makeUser("clerk");
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    expect((await sessionIds(user.id)).length).toBe(2);
    const response = await send(server, "/account", {
      cookie: here.cookie,
      form: {
        intent: "change-password",
        currentPassword: TEST_PASSWORD,
        newPassword: "a brand new passphrase 77",
        confirmPassword: "a brand new passphrase 77",
      },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account?passwordChanged");
    // No session from before the change survives (docs/decisions/028): this browser has a new id.
    const renewed = cookieFrom(response, "session");
    expect(renewed).not.toBe(here.cookie);
    expect(await accountStatus(renewed)).toBe(200);
    expect(await accountStatus(here.cookie)).toBe(302);
    expect(await accountStatus(elsewhere.cookie)).toBe(302);
    expect(await sessionIds(user.id)).toEqual([renewed!.split("=")[1]]);
    // The new password works; the old one does not.
    await send(server, "/sign-out", { cookie: renewed, form: {} });
    expect((await signIn(user.email)).response.status).toBe(400);
    expect((await signIn(user.email, "a brand new passphrase 77")).response.status).toBe(303);
  });

  it("a wrong current password changes nothing", async () => {
    const user = await makeUser("member");
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    const response = await send(server, "/account", {
      cookie: here.cookie,
      form: {
        intent: "change-password",
        currentPassword: "not my password at all",
        newPassword: "a brand new passphrase 77",
        confirmPassword: "a brand new passphrase 77",
      },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Your current password is incorrect");
    expect(await accountStatus(elsewhere.cookie)).toBe(200);
  });

  it("the account page lists the live sessions and can end any of them", async () => {
    const user = await makeUser("officer");
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    const page = await (await send(server, "/account", { cookie: here.cookie })).text();
    const handles = [...page.matchAll(/name="session" value="([0-9a-f]{16})"/g)].map((m) => m[1]);
    expect(handles).toHaveLength(2);
    expect(page).toContain("This session");
    // Session ids never appear in the page.
    for (const id of await sessionIds(user.id)) expect(page).not.toContain(id);

    // End the other one (the handle that is not marked current).
    const otherHandle = handles.find((h) => {
      const row = page.slice(page.indexOf(h) - 1500, page.indexOf(h));
      return !row.includes("This session");
    })!;
    const ended = await send(server, "/account", {
      cookie: here.cookie,
      form: { intent: "end-session", session: otherHandle },
    });
    expect(ended.status).toBe(303);
    expect(await accountStatus(elsewhere.cookie)).toBe(302);
    expect(await accountStatus(here.cookie)).toBe(200);

    // Ending it again: a message, not an error.
    const again = await send(server, "/account", {
      cookie: here.cookie,
      form: { intent: "end-session", session: otherHandle },
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("That session has already ended");
  });

  it("disabling an account ends its sessions and stops it signing in", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("member");
    const adminSession = await signIn(admin.email);
    const userSession = await signIn(user.email);
    const response = await send(server, `/admin/users/${user.id}`, {
      cookie: adminSession.cookie,
      form: { intent: "disable" },
    });
    expect(response.status).toBe(303);
    expect(await sessionIds(user.id)).toEqual([]);
    expect(await accountStatus(userSession.cookie)).toBe(302);
    const retry = await signIn(user.email);
    expect(retry.response.status).toBe(403);
    expect(await retry.response.text()).toContain("This account has been disabled");
    expect(retry.cookie).toBeNull();
  });
});
