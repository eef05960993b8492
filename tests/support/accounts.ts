/** Accounts and sessions for tests. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { createSession, sessionSettings } from "~/auth/lucia.server";
import { db } from "~/db.server";
import { createUser } from "~/models/people";
import { organisations, type Role } from "../../db/schema";

export const TEST_PASSWORD = "tangerine bicycle moonlight 42";
let testHash: Promise<string> | undefined;

async function testOrganisation() {
  const [existing] = await db().select().from(organisations).where(eq(organisations.slug, "test-trust"));
  if (existing) return existing;
  const [created] = await db()
    .insert(organisations)
    .values({ slug: "test-trust", name: "Test Trust", kind: "trust" })
    .returning();
  return created;
}

/** A user with TEST_PASSWORD (or no password, `invited: true`). */
export async function makeUser(role: Role, options: { email?: string; name?: string; invited?: boolean } = {}) {
  testHash ??= hashPassword(TEST_PASSWORD);
  const organisation = role === "officer" ? await testOrganisation() : null;
  const suffix = randomBytes(4).toString("hex");
  const passwordHash = options.invited ? null : await testHash;
  return db().transaction((tx) =>
    createUser(
      tx,
      { userId: null },
      {
        email: options.email ?? `${role}-${suffix}@example.org`,
        name: options.name ?? `Test ${role} ${suffix}`,
        role,
        organisationId: organisation?.id ?? null,
        passwordHash,
      },
    ),
  );
}

/** A Cookie header value for a fresh session of the user (no HTTP sign-in). */
export async function cookieFor(userId: string): Promise<string> {
  const session = await createSession(userId, { ipAddress: "127.0.0.1", userAgent: "test" });
  return `${sessionSettings().cookieName}=${session.id}`;
}
