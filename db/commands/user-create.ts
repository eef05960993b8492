/**
 * Creates an account from the command line: the first administrator, typically.
 *
 *   npm run user:create -- --email clerk@example.org --name "Sam Clerk" --role admin
 *
 * Options:
 *   --email, --name, --role (member | officer | clerk | admin)   required
 *   --organisation <slug>   an officer's organisation (required for officers)
 *   --body <slug>           a member's board or committee
 *   --password-stdin        read the password from standard input
 *                           (e.g. `read -rs P && printf %s "$P" | npm run user:create -- ... --password-stdin`)
 * Without --password-stdin it prints a one-time link (valid 7 days) to choose the
 * password, so no password goes through the shell's history.
 * Uses the same database as the server (DATABASE_URL, or the embedded one in
 * PGLITE_DIR, which must not be in use by a running server).
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { passwordProblem, hashPassword } from "../../app/auth/password.server";
import { isRole } from "../../app/auth/permissions";
import { closeDatabase, db, migrateDatabase } from "../../app/db.server";
import { siteUrl } from "../../app/utils/site-url.server";
import { AccountError, createUser, issueToken } from "../../app/models/people";
import { bodies, organisations } from "../schema";

const USAGE =
  'Usage: npm run user:create -- --email <address> --name "<full name>" --role <member|officer|clerk|admin> [--organisation <slug>] [--body <slug>] [--password-stdin]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        organisation: { type: "string" },
        body: { type: "string" },
        "password-stdin": { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const email = String(values.email ?? "").trim().toLowerCase();
  const name = String(values.name ?? "").trim();
  const role = String(values.role ?? "");
  if (!email || !name || !role) fail(USAGE);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) fail(`Not an email address: ${email}`);
  if (name.length > 100 || /[\u0000-\u001f\uFFFD]/.test(name)) fail("The name must be 1 to 100 readable characters.");
  if (!isRole(role)) fail(`Unknown role "${role}". ${USAGE}`);

  let passwordHash: string | null = null;
  if (values["password-stdin"]) {
    const password = await readStdin();
    const problem = passwordProblem(password);
    if (problem) fail(problem);
    passwordHash = await hashPassword(password);
  }

  await migrateDatabase();
  const database = db();
  let organisationId: string | null = null;
  if (values.organisation) {
    const [org] = await database.select().from(organisations).where(eq(organisations.slug, String(values.organisation)));
    if (!org) fail(`No organisation with the slug "${values.organisation}".`);
    organisationId = org.id;
  }
  let bodyId: string | null = null;
  if (values.body) {
    const [body] = await database.select().from(bodies).where(eq(bodies.slug, String(values.body)));
    if (!body) fail(`No board or committee with the slug "${values.body}".`);
    bodyId = body.id;
  }

  const actor = { userId: null, ipAddress: "command line" };
  try {
    const { user, token } = await database.transaction(async (tx) => {
      const user = await createUser(tx, actor, { email, name, role, organisationId, bodyId, passwordHash });
      const token = passwordHash ? null : await issueToken(tx, actor, user.id, "invite");
      return { user, token };
    });
    console.log(`Created ${role} ${user.name} <${user.email}> (${user.id}).`);
    if (token) {
      const site = siteUrl();
      console.log(`Choose the password within 7 days at:\n${site}/invite/${token}`);
    } else {
      console.log("The password is set: sign in at /sign-in.");
    }
  } catch (error) {
    if (error instanceof AccountError) fail(error.message);
    throw error;
  } finally {
    await closeDatabase();
  }
}

await main();
