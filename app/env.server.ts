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
  /**
   * Named prepared statements (true by default): each query is parsed once per connection. False
   * for a pooler that hands a session's statements to another connection, such as PgBouncer in
   * transaction mode before 1.21 (docs/decisions/057-prepared-statements.md). PostgreSQL only.
   */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** On SIGTERM, how long requests in flight and jobs in progress may take to finish before the process leaves anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** Import content/ at start-up (true by default). */
  CONTENT_IMPORT_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** smtp://user:pass@host:port. Absent: e-mails wait in the outbox; the log notes recipient and subject only. */
  SMTP_URL: z.string().trim().optional(),
  /**
   * Where to report a vulnerability, as /.well-known/security.txt gives it (RFC 9116):
   * a mailto: or https: address. Absent: the privacy notice's "Contact" section.
   */
  SECURITY_CONTACT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(v), {
      message: "must be a mailto: or https:// address, such as mailto:security@example.org",
    }),
  /**
   * Embedded database only: the running server writes a backup here (docs/decisions/027-backups.md)
   * at start-up and every BACKUP_EVERY_HOURS, keeping the newest BACKUP_KEEP. Unset: none.
   */
  BACKUP_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  BACKUP_EVERY_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  /** The address e-mails come from. */
  MAIL_FROM: z.string().trim().min(3).max(200).default("Board portal <no-reply@localhost>"),
  /** A session ends after this many minutes without a request (docs/decisions/005-sessions-lucia.md). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /**
   * The key that seals TOTP secrets at rest (AES-256-GCM): 64 hexadecimal characters
   * (32 random bytes, e.g. `openssl rand -hex 32`). Absent: secrets are stored unsealed
   * (docs/decisions/028-two-step-verification.md). Changing it makes every enrolled
   * person set up two-step verification again.
   */
  TWO_STEP_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), { message: "must be 64 hexadecimal characters" }),
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
