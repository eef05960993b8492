/**
 * Issue #22, the accounts items: nobody can lock another person out of their
 * account (9), following cannot be used to bomb an address with e-mail (6),
 * and the decisions of item 14 (docs/decisions/011 to 014).
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { attemptSignIn } from "~/auth/sign-in.server";
import { db } from "~/db.server";
import { issueToken, redeemToken } from "~/models/users.server";
import { outbox, signInAttempts } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../support/accounts";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  setClockForTests(null);
  await server?.close();
});
afterEach(() => setClockForTests(null));

const noSleep = async () => {};

describe("item 9: nobody can lock another person out", () => {
  it("wrong passwords for the administrator's address, in any case, from any client address, only slow the right one", async () => {
    const admin = await makeUser("admin");
    for (let i = 0; i < 25; i += 1) {
      const email = i % 2 ? admin.email.toUpperCase() : ` ${admin.email}`;
      const result = await attemptSignIn({ email, password: `guess ${i}`, ipAddress: `198.51.100.${i}`, sleep: noSleep });
      expect(result.kind).toBe("invalid");
    }
    // The administrator, from a client that has not failed: slowed, never refused.
    const delays: number[] = [];
    const result = await attemptSignIn({
      email: admin.email,
      password: TEST_PASSWORD,
      ipAddress: "203.0.113.9",
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(result.kind).toBe("ok");
    expect(delays).toEqual([4000]);
  });

  it("refuses the client that failed ten times, and a password reset lifts it", async () => {
    const user = await makeUser("clerk");
    let last = "";
    for (let i = 0; i < 10; i += 1) {
      last = (await attemptSignIn({ email: user.email, password: `wrong ${i}`, ipAddress: "192.0.2.10", sleep: noSleep })).kind;
    }
    expect(last).toBe("locked");
    expect((await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.10", sleep: noSleep })).kind).toBe("locked");

    const token = await db().transaction((tx) => issueToken(tx, { userId: null }, user.id, "password_reset"));
    const newPassword = "a brand new passphrase 77";
    const redeemed = await db().transaction((tx) => redeemToken(tx, { ipAddress: "192.0.2.10" }, token, "password_reset", newPassword));
    expect(redeemed.ok).toBe(true);
    expect(await db().select().from(signInAttempts).where(like(signInAttempts.key, `%${user.email}%`))).toEqual([]);
    expect((await attemptSignIn({ email: user.email, password: newPassword, ipAddress: "192.0.2.10", sleep: noSleep })).kind).toBe("ok");
  });
});
