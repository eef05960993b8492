/**
 * Every query is a named prepared statement on PostgreSQL, parsed once per connection (a patch to
 * drizzle-orm; docs/decisions/057-prepared-statements.md), unless DATABASE_PREPARED_STATEMENTS=false
 * says a pooler cannot keep them. PostgreSQL only: the tests' embedded database is driven in the
 * test's own process by PGlite's driver (the portal's embedded process, through the same driver
 * as PostgreSQL, is what the browser tests run on).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { bodies } from "../../db/schema";

const onPostgres = Boolean(process.env.DATABASE_URL);

/** After three reads of the bodies table by slug in one transaction, how many statements its connection prepared for them. */
async function preparedBodyReads(): Promise<number> {
  return db().transaction(async (tx) => {
    const slug = "prepared-statement-probe";
    for (let n = 0; n < 3; n++) await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, slug));
    const rows = (await tx.execute(
      sql`select count(*)::int as prepared from pg_prepared_statements where statement like '%from "bodies" where "bodies"."slug" = $1%'`,
    )) as unknown as { prepared: number }[];
    return rows[0].prepared;
  });
}

afterAll(async () => {
  delete process.env.DATABASE_PREPARED_STATEMENTS;
  await closeDatabase();
  resetEnvForTests();
});

describe.runIf(onPostgres)("prepared statements (PostgreSQL)", () => {
  it("prepares a query once on a connection and runs it again from there", async () => {
    expect(await preparedBodyReads()).toBe(1);
  });

  it("prepares nothing when DATABASE_PREPARED_STATEMENTS=false", async () => {
    await closeDatabase();
    process.env.DATABASE_PREPARED_STATEMENTS = "false";
    resetEnvForTests();
    expect(await preparedBodyReads()).toBe(0);
    await closeDatabase();
    delete process.env.DATABASE_PREPARED_STATEMENTS;
    resetEnvForTests();
  });

});
