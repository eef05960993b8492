/**
 * The environment, parsed and checked once at start-up (docs/decisions/002-database.md).
 * A bad value stops the server with a message that names the variable.
 */
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** postgres://user@host:port/db. Absent: the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "must start with postgres:// or postgresql://",
    }),
  /** Where PGlite keeps its files; "memory://" for a throw-away database. */
  PGLITE_DIR: z.string().trim().min(1).default(path.resolve(process.cwd(), "data", "pglite")),
  /** Tests only: a dump of a migrated database that in-memory PGlite databases start from. */
  PGLITE_SNAPSHOT: z.string().trim().min(1).optional(),
  /**
   * The public address of the site (https://board.example.org), the only one
   * links in e-mails, feeds and exports are made with, and the only Host the
   * server answers. Absent: http://localhost:PORT.
   */
  SITE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isSiteOrigin(v), {
      message: "must be an http:// or https:// address with no path, such as https://board.example.org",
    }),
  /** The portal's name, shown in the header. */
  SITE_NAME: z.string().trim().min(1).max(80).default("Sandwell Scrutiny Board Portal"),
  /** Milliseconds after which any one SQL statement is cancelled (PostgreSQL only). */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Milliseconds to wait for a new database connection before the request is answered 503 (PostgreSQL only). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(3_000),
  /** On SIGTERM, how long requests in flight and jobs in progress may take to finish before the process leaves anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** Import content/ at start-up (true by default). */
  CONTENT_IMPORT_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** smtp://user:pass@host:port. Absent: e-mails wait in the outbox; the log notes recipient and subject only. */
  SMTP_URL: z.string().trim().optional(),
  /** The address e-mails come from. */
  MAIL_FROM: z.string().trim().min(3).max(200).default("Board portal <no-reply@localhost>"),
  /** A session ends after this many minutes without a request (docs/decisions/005-sessions-lucia.md). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /**
   * Create one demo account per role at start-up. Honoured only on the embedded
   * (PGlite) database and never under tests; with DATABASE_URL none are created.
   * Unset: yes, unless SITE_URL is set (then they must be asked for with "true").
   */
  DEMO_ACCOUNTS: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
});

export type Env = z.infer<typeof schema>;

function isSiteOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.pathname === "/" &&
      !url.search &&
      !url.hash &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between files. */
export function resetEnvForTests() {
  cached = undefined;
}
