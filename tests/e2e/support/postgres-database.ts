/**
 * A fresh PostgreSQL database of a test's own on the machine's server
 * (E2E_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres), and the
 * accounts a test needs in it, made with the documented command
 * (`npm run user:create -- ... --password-stdin`). Dropped when the test is done.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import postgres from "postgres";
import { repoRoot } from "./server";

export const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  /** The URL of the database itself (not through any proxy). */
  url: string;
  /** A connection for the test's own checks. */
  sql: postgres.Sql;
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 1 });
  const url = withDatabase(ADMIN_URL, name);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name,
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 1 });
      const again = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end({ timeout: 1 });
    },
  };
}

export interface Account {
  email: string;
  password: string;
}

/** Creates an account with `npm run user:create -- --password-stdin` against `databaseUrl`. */
export async function createAccount(
  databaseUrl: string,
  account: { email: string; name: string; role: "member" | "officer" | "clerk" | "admin"; organisation?: string; body?: string },
  password = `test password ${crypto.randomBytes(6).toString("hex")}`,
): Promise<Account> {
  const args = ["--import", "tsx", "db/commands/user-create.ts", "--email", account.email, "--name", account.name, "--role", account.role, "--password-stdin"];
  if (account.organisation) args.push("--organisation", account.organisation);
  if (account.body) args.push("--body", account.body);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  await new Promise<void>((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: repoRoot, env }, (error, stdout, stderr) =>
      error ? reject(new Error(`user:create failed: ${stderr || stdout || error.message}`)) : resolve(),
    );
    child.stdin!.end(password);
  });
  return { email: account.email, password };
}

/** Whether the PostgreSQL server for these tests answers (the tests are skipped if not). */
export async function postgresReachable(): Promise<boolean> {
  const probe = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}
