/**
 * Demo accounts: one per role, so someone trying the portal on the embedded
 * database can see what each role sees. Created at start-up only on the embedded
 * (PGlite) database, never with DATABASE_URL, never under tests, and not once
 * SITE_URL is set unless DEMO_ACCOUNTS=true (docs/demo-accounts.md lists them).
 * Idempotent: an existing account is left as it is, except that the member and
 * officer are attached to the board and the Trust once content import has
 * created them.
 */
import { and, eq } from "drizzle-orm";
import { bodies, memberships, organisations, people, type Role } from "../../../db/schema/people";
import { databaseKind, db } from "../../db.server";
import { getEnv } from "../../env.server";
import { recordAudit } from "../records";
import { changeRole, createUser, findUserByEmail } from "./users.server";
import { hashPassword } from "../../auth/password.server";

export const DEMO_BODY_SLUG = "scrutiny-board";
export const DEMO_ORGANISATION_SLUG = "sandwell-childrens-trust";

export const DEMO_ACCOUNTS: { role: Role; email: string; name: string; password: string }[] = [
  { role: "admin", email: "admin@demo.example", name: "Demo Administrator", password: "demo admin walnut harbour" },
  { role: "clerk", email: "clerk@demo.example", name: "Demo Clerk", password: "demo clerk lantern orchard" },
  { role: "member", email: "member@demo.example", name: "Demo Member", password: "demo member copper meadow" },
  { role: "officer", email: "officer@demo.example", name: "Demo Officer", password: "demo officer willow beacon" },
];

/**
 * On the embedded database, whatever the mode (`npm start` runs in production
 * mode and must still offer them on a fresh machine), unless DEMO_ACCOUNTS=false
 * or the site has a public address (SITE_URL: well-known passwords must not
 * open a deployed site; DEMO_ACCOUNTS=true still asks for them).
 */
export function demoAccountsWanted(): boolean {
  const env = getEnv();
  if (env.NODE_ENV === "test") return false;
  if (databaseKind() !== "pglite") return false;
  if (env.DEMO_ACCOUNTS !== undefined) return env.DEMO_ACCOUNTS;
  return !env.SITE_URL;
}

export async function ensureDemoAccounts(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = { userId: null };
  await db().transaction(async (tx) => {
    const [body] = await tx.select().from(bodies).where(eq(bodies.slug, DEMO_BODY_SLUG));
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.slug, DEMO_ORGANISATION_SLUG));
    let created = 0;
    for (const account of DEMO_ACCOUNTS) {
      let user = await findUserByEmail(tx, account.email);
      if (!user) {
        user = await createUser(tx, system, {
          email: account.email,
          name: account.name,
          role: account.role,
          organisationId: account.role === "officer" ? (organisation?.id ?? null) : null,
          bodyId: account.role === "member" ? (body?.id ?? null) : null,
          passwordHash: await hashPassword(account.password),
          isDemo: true,
          allowOfficerWithoutOrganisation: true,
        });
        created += 1;
      }
      if (!user.isDemo) continue;
      // Attach the member to the board once it exists.
      if (account.role === "member" && body && user.personId) {
        const [existing] = await tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.personId, user.personId), eq(memberships.bodyId, body.id)));
        if (!existing) {
          const [membership] = await tx.insert(memberships).values({ personId: user.personId, bodyId: body.id }).returning();
          await recordAudit(tx, { ...system, action: "create", entityType: "membership", entityId: membership.id, after: membership });
        }
      }
      // Attach the officer to the Trust once it exists.
      if (account.role === "officer" && organisation && !user.organisationId) {
        await changeRole(tx, system, user.id, { role: "officer", organisationId: organisation.id });
        if (user.personId) {
          const [person] = await tx
            .update(people)
            .set({ organisationId: organisation.id, updatedAt: new Date() })
            .where(eq(people.id, user.personId))
            .returning();
          await recordAudit(tx, { ...system, action: "update", entityType: "person", entityId: person.id, after: person });
        }
      }
    }
    if (created > 0) log(`Demo accounts: ${created} created (docs/demo-accounts.md).`);
  });
}
