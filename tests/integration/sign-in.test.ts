/**
 * Passwords (argon2id at OWASP's parameters, the rules), sign-in failures that
 * tell nothing about which accounts exist, throttling, and redirectTo.
 */
import { eq } from "drizzle-orm";
import * as argon2 from "@node-rs/argon2";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { hashPassword, isCommonPassword, passwordProblem } from "~/auth/password.server";
import { attemptSignIn } from "~/models/people";
import { recordFailure, throttleKeys } from "~/auth/throttle.server";
import { db } from "~/db.server";
import { auditLog, signInAttempts, users } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../support/accounts";
import { cookieFrom, send, startTestServer, type TestServer } from "../support/remix-app";

// Count argon2 verifications (the real function still runs).
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  setClockForTests(null);
  await server?.close();
});
afterEach(() => setClockForTests(null));

const signIn = (email: string, password: string, extra: Record<string, string> = {}) =>
  send(server, `/sign-in?redirectTo=${encodeURIComponent(extra.redirectTo ?? "/")}`, {
    form: { _signIn: "1", email, password, ...extra },
  });

describe("passwords", () => {
  it("are stored as argon2id with m=19456, t=2, p=1", async () => {
    const user = await makeUser("member");
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await hashPassword(TEST_PASSWORD)).not.toBe(row.passwordHash); // salted
  });

  it("must be 12 to 128 characters, of anything, and not common", () => {
    expect(passwordProblem("")).toBe("Enter a password");
    expect(passwordProblem("a".repeat(3) + "bcdefgh1")).toMatch(/12 characters or more/);
    expect(passwordProblem("abcdefghijk!")).toBeNull();
    expect(passwordProblem("x".repeat(64) + "y".repeat(64))).toMatch(/too easy to guess/);
    expect(passwordProblem("abcd".repeat(32))).toBeNull();
    expect(passwordProblem("abcd".repeat(32) + "e")).toMatch(/128 characters or fewer/);
    // Any characters: spaces, accents, emoji (counted as one character each), symbols.
    expect(passwordProblem("ça va très bien 🙂")).toBeNull();
    expect(passwordProblem("🙂🙃🙂🙃🙂🙃🙂🙃🙂🙃🙂")).toMatch(/12 characters or more/);
    expect(passwordProblem("\t tab and spaces ")).toBeNull();
    // The bundled list, whatever the case.
    expect(isCommonPassword("password1234")).toBe(true);
    expect(passwordProblem("Password1234")).toMatch(/too easy to guess/);
    expect(passwordProblem("qwertyuiop123")).toMatch(/too easy to guess/);
    expect(passwordProblem("sandwell123456")).toMatch(/too easy to guess/);
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/too easy to guess/);
  });
});

describe("a failed sign-in", () => {
  it("says only that the email or password is incorrect, the same for unknown and known accounts", async () => {
    const user = await makeUser("clerk");
    const invited = await makeUser("clerk", { invited: true });
    const answers = [];
    for (const email of [user.email, "nobody-at-all@example.org", invited.email]) {
      const response = await signIn(email, "wrong password entirely");
      const html = await response.text();
      answers.push({
        status: response.status,
        cookie: response.headers.getSetCookie().length,
        // The page, with the address typed taken out.
        page: html.replaceAll(email, "EMAIL").replace(/nonce="[^"]+"/g, ""),
      });
      expect(html).toContain("Email or password is incorrect");
      expect(html).toMatch(/<title>Error: Sign in/);
    }
    expect(answers[0].status).toBe(400);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("does the same argon2id work for an unknown account as for a known one", async () => {
    // Same timing follows from the same work: one full argon2id verification per
    // attempt, against a dummy hash when the account does not exist. (Timings
    // themselves belong in benchmarks, not tests.)
    const user = await makeUser("member");
    const attempt = (email: string) =>
      attemptSignIn({ email, password: "wrong password entirely", ipAddress: `10.9.${Math.random()}` });
    await attempt("warm-up@example.org");
    const verifications = async (work: () => Promise<unknown>) => {
      const before = vi.mocked(argon2.verify).mock.calls.length;
      await work();
      return vi.mocked(argon2.verify).mock.calls.length - before;
    };
    expect(await verifications(() => attempt(user.email))).toBe(1);
    expect(await verifications(() => attempt("nobody-here@example.org"))).toBe(1);
  });

  it("is recorded in the audit log for an existing account, without the password", async () => {
    const user = await makeUser("officer");
    await signIn(user.email, "wrong password entirely");
    const rows = await db().select().from(auditLog).where(eq(auditLog.entityId, user.id)).orderBy(auditLog.id);
    const failed = rows.find((r) => r.action === "sign_in_failed");
    expect(failed).toBeDefined();
    expect(JSON.stringify(failed)).not.toContain("wrong password");
  });
});

describe("throttling", () => {
  it("slows an account's failures and refuses, for 15 minutes, only the client that made them", async () => {
    let clock = new Date("2025-05-05T10:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("member");
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
    };
    const results = [];
    for (let i = 0; i < 10; i += 1) {
      results.push((await attemptSignIn({ email: user.email, password: `wrong ${i}`, ipAddress: "10.0.0.1", sleep })).kind);
    }
    expect(results.slice(0, 9)).toEqual(Array(9).fill("invalid"));
    expect(results[9]).toBe("locked");
    // No delay for the first three attempts, then growing ones.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    // That client is refused, even with the right password, and the answer says why.
    const locked = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.0.0.1", sleep });
    expect(locked.kind).toBe("locked");
    // The counters are in the database, where every app server sees them.
    const [row] = await db().select().from(signInAttempts).where(eq(signInAttempts.key, `pair:${user.email}|10.0.0.1`));
    expect(row.lockedUntil?.toISOString()).toBe("2025-05-05T10:15:00.000Z");
    // 15 minutes later the right password works, and the count starts again.
    clock = new Date("2025-05-05T10:15:00Z");
    const after = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.0.0.1", sleep });
    expect(after.kind).toBe("ok");
    expect(await db().select().from(signInAttempts).where(eq(signInAttempts.key, `email:${user.email}`))).toEqual([]);
  });

  it("over HTTP, a refused client is told to wait 15 minutes", async () => {
    const user = await makeUser("member");
    for (let i = 0; i < 10; i += 1) {
      await recordFailure(throttleKeys(user.email, "127.0.0.1").filter((k) => k.kind === "pair"), new Date());
    }
    const response = await signIn(user.email, TEST_PASSWORD);
    expect(response.status).toBe(429);
    const html = await response.text();
    expect(html).toContain("too many attempts to sign in. Wait 15 minutes");
    expect(cookieFrom(response, "session")).toBeNull();
  });

  it("locks an address nobody has exactly as it locks a real account (no enumeration)", async () => {
    const sleep = async () => {};
    const email = "ghost@example.org";
    let last = "";
    for (let i = 0; i < 10; i += 1) {
      last = (await attemptSignIn({ email, password: `wrong ${i}`, ipAddress: "10.1.0.1", sleep })).kind;
    }
    expect(last).toBe("locked");
  });

  it("refuses a client address after 50 failures, whatever account it tries", async () => {
    const sleep = async () => {};
    const user = await makeUser("clerk");
    const ip = "192.0.2.77";
    await recordFailure(
      throttleKeys("someone@example.org", ip).filter((k) => k.kind === "ip"),
      new Date(),
    );
    for (let i = 1; i < 50; i += 1) {
      await attemptSignIn({ email: `spray-${i}@example.org`, password: "wrong", ipAddress: ip, sleep });
    }
    const result = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: ip, sleep });
    expect(result.kind).toBe("locked");
    // Another address is not affected.
    const elsewhere = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.78", sleep });
    expect(elsewhere.kind).toBe("ok");
  });

  it("forgets failures older than 15 minutes", async () => {
    let clock = new Date("2025-06-01T10:00:00Z");
    setClockForTests(() => clock);
    const user = await makeUser("member");
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
    };
    for (let i = 0; i < 5; i += 1) await attemptSignIn({ email: user.email, password: "wrong", ipAddress: "10.2.0.1", sleep });
    expect(delays.length).toBeGreaterThan(0);
    clock = new Date("2025-06-01T10:16:00Z");
    delays.length = 0;
    await attemptSignIn({ email: user.email, password: "wrong", ipAddress: "10.2.0.1", sleep });
    expect(delays).toEqual([]);
  });
});

describe("redirectTo", () => {
  it.each([
    ["//evil.example", "/"],
    ["https://evil.example/account", "/"],
    ["javascript:alert(1)", "/"],
    ["/\\evil.example", "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/admin/users?page=2", "/admin/users?page=2"],
    ["/sign-in", "/"],
  ])("after signing in, %s goes to %s", async (redirectTo, location) => {
    const user = await makeUser("admin");
    const response = await signIn(user.email, TEST_PASSWORD, { redirectTo });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(location);
  });
});

describe("bad input to the sign-in form", () => {
  it.each([
    ["an empty form", {}, ["Enter an email address", "Enter your password"]],
    ["an over-long email address", { email: `${"a".repeat(250)}@example.org`, password: "x" }, ["254 characters or fewer"]],
    ["a NUL byte", { email: "a\u0000b@example.org", password: "x" }, ["could not be read"]],
    ["an address without @", { email: "not-an-address", password: "x" }, ["correct format"]],
  ])("%s: a clear message, 400, nothing stored", async (_name, fields, messages) => {
    const before = await db().select().from(signInAttempts);
    const response = await send(server, "/sign-in", { form: { _signIn: "1", ...fields } });
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const m of messages) expect(html).toContain(m);
    expect(html).toContain('class="govuk-error-summary"');
    expect(await db().select().from(signInAttempts)).toEqual(before);
  });

  it("invalid UTF-8 in the body is refused with a message, never a 500", async () => {
    const response = await send(server, "/sign-in", {
      body: "_signIn=1&email=%FF%FE%40example.org&password=x",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("could not be read");
  });

  it("an extra role=admin field is ignored", async () => {
    const user = await makeUser("member");
    const response = await signIn(user.email, TEST_PASSWORD, { role: "admin", isDemo: "true" });
    expect(response.status).toBe(303);
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.role).toBe("member");
  });

  it("a body that is not a form is a 400, not a 500", async () => {
    const response = await send(server, "/sign-in", {
      body: "--x\r\nnot really multipart",
      contentType: "multipart/form-data; boundary=y",
    });
    expect(response.status).toBe(400);
  });
});
