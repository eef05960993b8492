/** Demo accounts, and `npm run user:create`. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, demoAccountsWanted, ensureDemoAccounts } from "~/models/people";
import { passwordProblem, verifyPassword } from "~/auth/password.server";
import { db, databaseKind } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { bodies, memberships, organisations, users } from "../../db/schema";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("demo accounts", () => {
  it("are wanted only on the embedded database, in any mode, never under tests, with a SITE_URL only when asked for", () => {
    const embedded = databaseKind() === "pglite";
    const wantedWith = (vars: Record<string, string | undefined>) => {
      const saved = { NODE_ENV: process.env.NODE_ENV, DEMO_ACCOUNTS: process.env.DEMO_ACCOUNTS, SITE_URL: process.env.SITE_URL };
      Object.assign(process.env, vars);
      for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
      resetEnvForTests();
      try {
        return demoAccountsWanted();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        resetEnvForTests();
      }
    };
    expect(wantedWith({ NODE_ENV: "test", DEMO_ACCOUNTS: "true" })).toBe(false);
    expect(wantedWith({ NODE_ENV: "development", DEMO_ACCOUNTS: undefined })).toBe(embedded);
    expect(wantedWith({ NODE_ENV: "development", DEMO_ACCOUNTS: "false" })).toBe(false);
    // `npm start` runs in production mode: a fresh machine still gets them.
    expect(wantedWith({ NODE_ENV: "production", DEMO_ACCOUNTS: undefined, SITE_URL: undefined })).toBe(embedded);
    expect(wantedWith({ NODE_ENV: "production", DEMO_ACCOUNTS: "false", SITE_URL: undefined })).toBe(false);
    // A site with a public address does not, unless asked.
    expect(wantedWith({ NODE_ENV: "production", DEMO_ACCOUNTS: undefined, SITE_URL: "https://board.example.org" })).toBe(false);
    expect(wantedWith({ NODE_ENV: "production", DEMO_ACCOUNTS: "true", SITE_URL: "https://board.example.org" })).toBe(embedded);
  });

  it("one per role, with passwords that meet the rules, attached to the board and the Trust once they exist", async () => {
    for (const account of DEMO_ACCOUNTS) expect(passwordProblem(account.password), account.email).toBeNull();
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(["admin", "clerk", "member", "officer"]);

    // First start, before any content: accounts without board or Trust.
    await ensureDemoAccounts();
    const member = DEMO_ACCOUNTS.find((a) => a.role === "member")!;
    const officer = DEMO_ACCOUNTS.find((a) => a.role === "officer")!;
    const [memberRow] = await db().select().from(users).where(eq(users.email, member.email));
    const [officerRow] = await db().select().from(users).where(eq(users.email, officer.email));
    expect(memberRow.isDemo).toBe(true);
    expect(officerRow.organisationId).toBeNull();
    expect(await verifyPassword(memberRow.passwordHash!, member.password)).toBe(true);

    // Content arrives; the next start attaches them, and creates nothing twice.
    const [board] = await db().insert(bodies).values({ slug: "scrutiny-board", name: "Scrutiny Board" }).returning();
    const [trust] = await db()
      .insert(organisations)
      .values({ slug: "sandwell-childrens-trust", name: "Sandwell Children's Trust", kind: "trust" })
      .returning();
    await ensureDemoAccounts();
    await ensureDemoAccounts();
    const all = await db().select().from(users).where(eq(users.isDemo, true));
    expect(all).toHaveLength(4);
    const [memberAfter] = await db().select().from(users).where(eq(users.email, member.email));
    const [officerAfter] = await db().select().from(users).where(eq(users.email, officer.email));
    expect(officerAfter.organisationId).toBe(trust.id);
    const ms = await db().select().from(memberships).where(eq(memberships.personId, memberAfter.personId!));
    expect(ms.map((m) => m.bodyId)).toEqual([board.id]);
  });

  it("are the ones docs/demo-accounts.md lists", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs", "demo-accounts.md"), "utf8");
    for (const account of DEMO_ACCOUNTS) {
      expect(doc).toContain(account.email);
      expect(doc).toContain(account.password);
    }
  });
});

describe("user:create", () => {
  const command = path.join(ROOT, "db", "commands", "user-create.ts");
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const env = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-user-create-"));
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    return {
      ...rest,
      NODE_ENV: "development" as const,
      PGLITE_DIR: path.join(dir, "db"),
      SITE_URL: "https://portal.example",
    };
  };

  // Each run starts a process that creates and migrates an on-disk database:
  // generous limits, so a loaded CI machine does not fail them.
  it("creates the first admin and prints a one-time link to choose the password", async () => {
    const { stdout } = await run(tsx, [command, "--email", "First.Admin@Example.org", "--name", "First Admin", "--role", "admin"], {
      cwd: ROOT,
      env: env(),
    });
    expect(stdout).toContain("Created admin First Admin <first.admin@example.org>");
    expect(stdout).toMatch(/https:\/\/portal\.example\/invite\/[A-Za-z0-9_-]{40,}/);
  }, 180_000);

  it("refuses bad arguments with a message and a non-zero exit", async () => {
    await expect(
      run(tsx, [command, "--email", "x@example.org", "--name", "X", "--role", "superuser"], { cwd: ROOT, env: env() }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown role "superuser"') });
    await expect(run(tsx, [command, "--email", "x@example.org"], { cwd: ROOT, env: env() })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Usage: npm run user:create"),
    });
  }, 180_000);
});
