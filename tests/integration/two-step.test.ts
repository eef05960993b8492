/**
 * Two-step verification and the session rules around it (issue #20 item 5,
 * docs/decisions/028-two-step-verification.md), through the real app with a fixed
 * clock: setting up (QR key, confirming code, recovery codes shown once and stored
 * hashed, secret sealed at rest), the second step at sign-in (a code reused, expired
 * or of another secret refused; a recovery code works once), the administrator's
 * setting and reset, session rotation, idle and absolute limits, a password change,
 * suspension, and /account/sessions. Nothing secret in the audit log.
 */
import { randomBytes } from "node:crypto";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { totpStep } from "~/auth/totp.server";
import { db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { auditLog, recoveryCodes, sessions, twoStepFactors } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../support/accounts";
import { cookieFrom, send, startTestServer, type TestServer } from "../support/remix-app";

const SEALING_KEY = randomBytes(32).toString("hex");
let server: TestServer;
let clock = new Date("2026-02-02T09:00:10Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const previousKey = process.env.TWO_STEP_KEY;

beforeAll(async () => {
  process.env.TWO_STEP_KEY = SEALING_KEY;
  resetEnvForTests();
  server = await startTestServer();
});
afterAll(async () => {
  setClockForTests(null);
  if (previousKey === undefined) delete process.env.TWO_STEP_KEY;
  else process.env.TWO_STEP_KEY = previousKey;
  resetEnvForTests();
  await server?.close();
});
afterEach(() => setClockForTests(null));

function fixClock(at: string) {
  clock = new Date(at);
  setClockForTests(() => clock);
}

/** The code an authenticator app with this secret shows `stepsAgo` 30-second steps ago. */
function codeFor(secret: Uint8Array, stepsAgo = 0): string {
  return generateHOTP(secret, BigInt(totpStep(clock) - stepsAgo), 6);
}

async function password(email: string, password = TEST_PASSWORD, cookie?: string | null) {
  const response = await send(server, "/sign-in", {
    form: { _signIn: "1", email, password, redirectTo: "/account" },
    cookie,
  });
  return { response, cookie: cookieFrom(response, "session") };
}

async function secondStep(cookie: string | null, code: string) {
  const response = await send(server, "/sign-in/two-step", { cookie, form: { code, redirectTo: "/account" } });
  return { response, cookie: cookieFrom(response, "session"), text: response.status === 303 ? "" : await response.text() };
}

async function status(path: string, cookie: string | null) {
  const response = await send(server, path, { cookie });
  await response.text();
  return response.status;
}

async function sessionIds(userId: string) {
  return (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((s) => s.id);
}

async function auditText(userId: string) {
  const rows = await db().select().from(auditLog).where(eq(auditLog.entityId, userId)).orderBy(asc(auditLog.at), asc(auditLog.id));
  return { rows, text: JSON.stringify(rows) };
}

/** Sets up two-step verification through the account page; returns the secret (read as a person would, from the key text) and the recovery codes. */
async function enrol(cookie: string) {
  const started = await send(server, "/account/two-step", { cookie, form: { intent: "start" } });
  expect(started.status).toBe(303);
  const page = await (await send(server, "/account/two-step", { cookie })).text();
  expect(page).toContain("<svg");
  const key = page.match(/id="two-step-key">([A-Z2-7 ]+)</)![1];
  const secret = decodeBase32IgnorePadding(key.replace(/ /g, ""));
  const confirmed = await send(server, "/account/two-step", { cookie, form: { intent: "confirm", code: codeFor(secret) } });
  expect(confirmed.status).toBe(200);
  const html = await confirmed.text();
  const codes = [...html.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]);
  expect(codes).toHaveLength(10);
  const continued = await send(server, "/account/two-step", { cookie, form: { intent: "continue" } });
  expect(continued.status).toBe(303);
  const newCookie = cookieFrom(continued, "session");
  expect(newCookie).not.toBeNull();
  return { secret, key, codes, cookie: newCookie!, html };
}

/** A user with two-step verification on, signed out, and the secret. */
async function enrolledUser(role: "clerk" | "admin" | "member" = "clerk") {
  const user = await makeUser(role);
  const { cookie } = await password(user.email);
  const enrolled = await enrol(cookie!);
  await send(server, "/sign-out", { cookie: enrolled.cookie, form: {} });
  // Past the step whose code set it up.
  advance(30 * SECOND);
  return { user, ...enrolled };
}

describe("setting up two-step verification", () => {
  it("shows the key as a QR code and as text, confirms it with a code, and shows recovery codes once, stored hashed and the secret sealed", async () => {
    fixClock("2026-02-02T09:00:10Z");
    const user = await makeUser("clerk");
    const first = await password(user.email);
    expect(first.response.headers.get("location")).toBe("/account");
    const { secret, key, codes, cookie } = await enrol(first.cookie!);

    // A new session id once set up; the old one is over.
    expect(cookie).not.toBe(first.cookie);
    expect(await status("/account", first.cookie)).toBe(302);
    expect(await status("/account", cookie)).toBe(200);

    // Shown once: the page afterwards says how many are left, never the codes.
    const later = await (await send(server, "/account/two-step", { cookie })).text();
    expect(later.replace(/<!-- -->/g, "")).toContain("10 unused recovery codes");
    for (const code of codes) expect(later).not.toContain(code);

    // At rest: hashes of the codes; the secret sealed with TWO_STEP_KEY.
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    const [factor] = await db().select().from(twoStepFactors).where(eq(twoStepFactors.userId, user.id));
    expect(factor.secret.startsWith("v1:")).toBe(true);
    expect(factor.secret).not.toContain(Buffer.from(secret).toString("base64"));
    expect(factor.confirmedAt).not.toBeNull();

    // Audited, with nothing secret.
    const audit = await auditText(user.id);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["two_step_setup_started", "two_step_enabled", "rotate_session"]));
    expect(audit.text).not.toContain(key.replace(/ /g, ""));
    for (const code of codes) expect(audit.text).not.toContain(code);
  });

  it("a wrong or empty confirming code is refused beside the field, and nothing is turned on", async () => {
    fixClock("2026-02-02T09:10:10Z");
    const user = await makeUser("member");
    const { cookie } = await password(user.email);
    await send(server, "/account/two-step", { cookie, form: { intent: "start" } });
    const empty = await send(server, "/account/two-step", { cookie, form: { intent: "confirm", code: "" } });
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    expect(emptyPage).toContain("Enter the 6-digit code from your authenticator app");
    expect(emptyPage).toMatch(/id="code-error"/);
    expect(emptyPage).toContain("<title>Error: ");
    const other = codeFor(new Uint8Array(randomBytes(20)));
    const wrong = await send(server, "/account/two-step", { cookie, form: { intent: "confirm", code: other } });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The code is not right");
    const [factor] = await db().select().from(twoStepFactors).where(eq(twoStepFactors.userId, user.id));
    expect(factor.confirmedAt).toBeNull();
    // Still signed in with the same session, and sign-in asks no code.
    expect(await status("/account", cookie)).toBe(200);
  });
});

describe("the second step at sign-in", () => {
  it("asks for a code after the password; the waiting session opens nothing; a right code signs in under a new session id", async () => {
    fixClock("2026-02-02T10:00:05Z");
    const { user, secret } = await enrolledUser();
    const waiting = await password(user.email);
    expect(waiting.response.status).toBe(303);
    expect(waiting.response.headers.get("location")).toBe("/sign-in/two-step?redirectTo=%2Faccount");
    // The password alone opens nothing: every page sends it back to the second step.
    const blocked = await send(server, "/account", { cookie: waiting.cookie });
    expect(blocked.status).toBe(303);
    expect(blocked.headers.get("location")).toBe("/sign-in/two-step");
    expect(await status("/clerk", waiting.cookie)).toBe(303);
    expect(await status("/sign-in/two-step", waiting.cookie)).toBe(200);
    const enrolment = await send(server, "/account/two-step", { cookie: waiting.cookie });
    expect(enrolment.status).toBe(303);
    expect(enrolment.headers.get("location")).toBe("/sign-in/two-step");

    const done = await secondStep(waiting.cookie, codeFor(secret));
    expect(done.response.status).toBe(303);
    expect(done.response.headers.get("location")).toBe("/account");
    expect(done.cookie).not.toBe(waiting.cookie);
    expect(await sessionIds(user.id)).toEqual([done.cookie!.split("=")[1]]);
    expect(await status("/clerk", done.cookie)).toBe(200);
    // Signed in, the second step's address sends to the sign-in page and leaves the session alone.
    const again = await send(server, "/sign-in/two-step", { cookie: done.cookie });
    expect(again.status).toBe(302);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await status("/account", done.cookie)).toBe(200);
    const audit = await auditText(user.id);
    const signIn = audit.rows.filter((r) => r.action === "sign_in").at(-1);
    expect(signIn?.after).toMatchObject({ secondStep: "code" });
    expect(audit.rows.some((r) => r.action === "sign_in_started")).toBe(true);
  });

  it("refuses a code already used, even within its 30 seconds; the next code works", async () => {
    fixClock("2026-02-02T11:00:01Z");
    const { user, secret } = await enrolledUser();
    const code = codeFor(secret);
    const first = await secondStep((await password(user.email)).cookie, code);
    expect(first.response.status).toBe(303);
    await send(server, "/sign-out", { cookie: first.cookie, form: {} });

    advance(5 * SECOND);
    const again = await password(user.email);
    const reused = await secondStep(again.cookie, code);
    expect(reused.response.status).toBe(400);
    expect(reused.text).toContain("This code has already been used");
    expect(reused.text).toMatch(/id="code-error"/);
    expect(reused.cookie).toBeNull();
    expect(await status("/account", again.cookie)).toBe(303);

    // An earlier step's code (still inside the window) is refused too: it is older than the one used.
    expect((await secondStep(again.cookie, codeFor(secret, 1))).text).toContain("This code has already been used");

    advance(30 * SECOND);
    const next = await secondStep(again.cookie, codeFor(secret));
    expect(next.response.status).toBe(303);
    const failures = (await auditText(user.id)).rows.filter((r) => r.action === "two_step_failed");
    expect(failures.map((r) => (r.after as { reason: string }).reason)).toEqual(["reused", "reused"]);
    expect(JSON.stringify(failures)).not.toContain(code);
  });

  it("refuses an expired code (older than one step) and accepts one a step old", async () => {
    fixClock("2026-02-02T12:00:02Z");
    const { user, secret } = await enrolledUser();
    // Two steps on from the code that confirmed the setting up.
    advance(60 * SECOND);
    const waiting = await password(user.email);
    const expired = await secondStep(waiting.cookie, codeFor(secret, 2));
    expect(expired.response.status).toBe(400);
    expect(expired.text).toContain("The code is not right, or it has expired");
    const slow = await secondStep(waiting.cookie, codeFor(secret, 1));
    expect(slow.response.status).toBe(303);
  });

  it("refuses a code of another secret, and a code of another person's secret", async () => {
    fixClock("2026-02-02T13:00:02Z");
    const { user } = await enrolledUser();
    const someoneElse = await enrolledUser("admin");
    const waiting = await password(user.email);
    for (const code of [codeFor(new Uint8Array(randomBytes(20))), codeFor(someoneElse.secret)]) {
      const refused = await secondStep(waiting.cookie, code);
      expect(refused.response.status).toBe(400);
      expect(refused.text).toContain("The code is not right, or it has expired");
    }
    expect(await sessionIds(user.id)).toEqual([waiting.cookie!.split("=")[1]]);
    expect(await status("/account", waiting.cookie)).toBe(303);
  });

  it("accepts a recovery code once; used twice it is refused", async () => {
    fixClock("2026-02-02T14:00:02Z");
    const { user, codes } = await enrolledUser();
    const first = await secondStep((await password(user.email)).cookie, codes[3].toUpperCase());
    expect(first.response.status).toBe(303);
    expect(await status("/account", first.cookie)).toBe(200);
    await send(server, "/sign-out", { cookie: first.cookie, form: {} });

    const again = await password(user.email);
    const twice = await secondStep(again.cookie, codes[3]);
    expect(twice.response.status).toBe(400);
    expect(twice.text).toContain("The code is not right");
    expect(await status("/account", again.cookie)).toBe(303);
    // Another unused code still works.
    expect((await secondStep(again.cookie, codes[4])).response.status).toBe(303);
    const audit = await auditText(user.id);
    expect(audit.rows.filter((r) => r.action === "sign_in").at(-1)?.after).toMatchObject({ secondStep: "recovery_code" });
    for (const code of codes) expect(audit.text).not.toContain(code);
  });

  it("stops after ten wrong codes in 15 minutes", async () => {
    fixClock("2026-02-02T15:00:02Z");
    const { user, secret } = await enrolledUser();
    const waiting = await password(user.email);
    for (let i = 0; i < 10; i += 1) expect((await secondStep(waiting.cookie, "000000")).response.status).toBe(400);
    const locked = await secondStep(waiting.cookie, codeFor(secret));
    expect(locked.response.status).toBe(429);
    expect(locked.text).toContain("too many attempts");
  });

  it("a session waiting for the code ends after 10 minutes", async () => {
    fixClock("2026-02-02T16:00:02Z");
    const { user, secret } = await enrolledUser();
    const waiting = await password(user.email);
    advance(10 * MINUTE);
    const late = await send(server, "/sign-in/two-step", { cookie: waiting.cookie, form: { code: codeFor(secret) } });
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toBe("/sign-in");
    expect(await sessionIds(user.id)).toEqual([]);
  });
});

describe("the administrator's setting and reset", () => {
  it("required: a clerk without it is sent to set it up before anything else, at once and at the next sign-in; a member is not", async () => {
    fixClock("2026-02-03T09:00:05Z");
    const admin = await enrolledUser("admin");
    const adminIn = await secondStep((await password(admin.user.email)).cookie, codeFor(admin.secret));
    const clerk = await makeUser("clerk");
    const member = await makeUser("member");
    const clerkIn = await password(clerk.email);
    const memberIn = await password(member.email);
    expect(await status("/clerk", clerkIn.cookie)).toBe(200);

    const empty = await send(server, "/admin/settings", { cookie: adminIn.cookie, form: { intent: "two-step" } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Select whether clerks and administrators must use two-step verification");
    const saved = await send(server, "/admin/settings", { cookie: adminIn.cookie, form: { intent: "two-step", twoStepRequired: "yes" } });
    expect(saved.status).toBe(303);
    try {
      // The clerk's live session now goes nowhere but enrolment.
      const sent = await send(server, "/clerk", { cookie: clerkIn.cookie });
      expect(sent.status).toBe(303);
      expect(sent.headers.get("location")).toBe("/account/two-step");
      expect(await status("/account", clerkIn.cookie)).toBe(303);
      expect(await status("/account", memberIn.cookie)).toBe(200);
      // The administrator who has it is not affected.
      expect(await status("/admin", adminIn.cookie)).toBe(200);

      // A new sign-in: straight to enrolment.
      await send(server, "/sign-out", { cookie: clerkIn.cookie, form: {} });
      const again = await password(clerk.email);
      expect(again.response.headers.get("location")).toBe("/account/two-step?required");
      expect(await (await send(server, "/account/two-step", { cookie: again.cookie })).text()).toContain("must use two-step verification");
      const { cookie } = await enrol(again.cookie!);
      expect(await status("/clerk", cookie)).toBe(200);
      expect(await status("/clerk", again.cookie)).toBe(302);
      const setting = await db().select().from(auditLog).where(eq(auditLog.entityId, "two-step.required")).orderBy(auditLog.id);
      expect(setting.at(-1)?.after).toEqual({ required: true });
    } finally {
      await send(server, "/admin/settings", { cookie: adminIn.cookie, form: { intent: "two-step", twoStepRequired: "no" } });
    }
  });

  it("an administrator's reset removes the second factor, ends every session, and is audited", async () => {
    fixClock("2026-02-03T10:00:05Z");
    const admin = await enrolledUser("admin");
    const adminIn = await secondStep((await password(admin.user.email)).cookie, codeFor(admin.secret));
    const { user, secret } = await enrolledUser("clerk");
    const userIn = await secondStep((await password(user.email)).cookie, codeFor(secret));
    const page = await (await send(server, `/admin/users/${user.id}`, { cookie: adminIn.cookie })).text();
    expect(page).toContain("Reset two-step verification");
    const reset = await send(server, `/admin/users/${user.id}`, { cookie: adminIn.cookie, form: { intent: "reset-two-step" } });
    expect(reset.status).toBe(303);
    expect(await sessionIds(user.id)).toEqual([]);
    expect(await status("/account", userIn.cookie)).toBe(302);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    // Signing in now asks no code.
    expect((await password(user.email)).response.headers.get("location")).toBe("/account");
    const row = (await auditText(user.id)).rows.find((r) => r.action === "two_step_reset");
    expect(row?.userId).toBe(admin.user.id);
  });
});

describe("sessions", () => {
  it("ends 30 minutes idle and 12 hours after sign-in, with a fixed clock", async () => {
    fixClock("2026-02-04T08:00:00Z");
    const user = await makeUser("member");
    const { cookie } = await password(user.email);
    advance(29 * MINUTE);
    expect(await status("/account", cookie)).toBe(200);
    advance(30 * MINUTE - 1);
    expect(await status("/account", cookie)).toBe(200);
    advance(30 * MINUTE);
    expect(await status("/account", cookie)).toBe(302);

    fixClock("2026-02-04T09:00:00Z");
    const busy = await password(user.email);
    for (let i = 1; i < 12 * 4; i += 1) {
      advance(15 * MINUTE);
      expect(await status("/account", busy.cookie), `after ${i * 15} minutes`).toBe(200);
    }
    advance(15 * MINUTE);
    expect(await status("/account", busy.cookie)).toBe(302);
    expect(await sessionIds(user.id)).toEqual([]);
  });

  it("a change of role ends every session of the person (a new one at the next sign-in), audited", async () => {
    fixClock("2026-02-04T10:00:00Z");
    const admin = await makeUser("admin");
    const adminIn = await password(admin.email);
    const user = await makeUser("member");
    const here = await password(user.email);
    const there = await password(user.email);
    const changed = await send(server, `/admin/users/${user.id}`, {
      cookie: adminIn.cookie,
      form: { intent: "change-role", role: "clerk", organisationId: "" },
    });
    expect(changed.status).toBe(303);
    expect(await status("/account", here.cookie)).toBe(302);
    expect(await status("/account", there.cookie)).toBe(302);
    expect(await sessionIds(user.id)).toEqual([]);
    const row = (await auditText(user.id)).rows.find((r) => r.action === "change_role");
    expect(row?.after).toMatchObject({ role: "clerk", sessionsEnded: true });
    const back = await password(user.email);
    expect(await status("/clerk", back.cookie)).toBe(200);
  });

  it("a password change ends every session: the others end, and this browser gets a new session id", async () => {
    fixClock("2026-02-04T11:00:00Z");
    const user = await makeUser("clerk");
    const here = await password(user.email);
    const there = await password(user.email);
    const response = await send(server, "/account", {
      cookie: here.cookie,
      form: { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: "quiet harbour lanterns 19", confirmPassword: "quiet harbour lanterns 19" },
    });
    expect(response.status).toBe(303);
    const renewed = cookieFrom(response, "session");
    expect(renewed).not.toBeNull();
    expect(renewed).not.toBe(here.cookie);
    expect(await status("/account", here.cookie)).toBe(302);
    expect(await status("/account", there.cookie)).toBe(302);
    expect(await status("/account", renewed)).toBe(200);
    expect(await sessionIds(user.id)).toEqual([renewed!.split("=")[1]]);
    const actions = (await auditText(user.id)).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["change_password", "rotate_session"]));
  });

  it("suspending an account ends every session of it", async () => {
    fixClock("2026-02-04T12:00:00Z");
    const admin = await makeUser("admin");
    const adminIn = await password(admin.email);
    const { user, secret } = await enrolledUser("clerk");
    const one = await secondStep((await password(user.email)).cookie, codeFor(secret));
    const waiting = await password(user.email);
    expect((await sessionIds(user.id)).length).toBe(2);
    const disabled = await send(server, `/admin/users/${user.id}`, { cookie: adminIn.cookie, form: { intent: "disable" } });
    expect(disabled.status).toBe(303);
    expect(await sessionIds(user.id)).toEqual([]);
    expect(await status("/account", one.cookie)).toBe(302);
    advance(30 * SECOND);
    expect((await secondStep(waiting.cookie, codeFor(secret))).response.status).toBe(303);
    expect((await sessionIds(user.id)).length).toBe(0);
  });

  it("/account/sessions lists the live sessions (this one marked), and signs out everywhere else, then everywhere", async () => {
    fixClock("2026-02-04T13:00:00Z");
    const user = await makeUser("officer");
    const here = await password(user.email);
    advance(5 * MINUTE);
    const there = await password(user.email);
    const elsewhere = await password(user.email);
    advance(3 * MINUTE);
    expect(await status("/account", here.cookie)).toBe(200);
    const page = await (await send(server, "/account/sessions", { cookie: here.cookie })).text();
    expect(page.match(/name="session" value="[0-9a-f]{16}"/g)).toHaveLength(3);
    expect(page.match(/This session/g)).toHaveLength(1);
    expect(page).toContain("Last used");
    expect(page).toContain("Sign out everywhere else");
    for (const id of await sessionIds(user.id)) expect(page).not.toContain(id);

    const others = await send(server, "/account/sessions", { cookie: here.cookie, form: { intent: "end-others" } });
    expect(others.status).toBe(303);
    expect(await status("/account", there.cookie)).toBe(302);
    expect(await status("/account", elsewhere.cookie)).toBe(302);
    expect(await sessionIds(user.id)).toEqual([here.cookie!.split("=")[1]]);

    const again = await password(user.email);
    const all = await send(server, "/account/sessions", { cookie: here.cookie, form: { intent: "end-all" } });
    expect(all.status).toBe(303);
    expect(all.headers.get("location")).toBe("/sign-in?signedOut");
    expect(await sessionIds(user.id)).toEqual([]);
    expect(await status("/account", again.cookie)).toBe(302);
    const audit = await auditText(user.id);
    expect(audit.rows.find((r) => r.action === "end_other_sessions")?.after).toEqual({ sessionsEnded: 2 });
    expect(audit.rows.find((r) => r.action === "end_all_sessions")?.after).toEqual({ sessionsEnded: 2 });
  });
});
