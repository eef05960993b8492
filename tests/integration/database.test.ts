import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, databaseKind } from "~/db.server";
import { organisations } from "../../db/schema";

describe("database", () => {
  it("is migrated and writable", async () => {
    const [row] = await db()
      .insert(organisations)
      .values({ slug: "probe", name: "Probe", kind: "other" })
      .returning();
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    const found = await db().query.organisations.findFirst({ where: (o, { eq }) => eq(o.slug, "probe") });
    expect(found?.name).toBe("Probe");
  });

  it("runs on the driver the environment asks for", async () => {
    expect(databaseKind()).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    await expect(db().execute(sql`select 1`)).resolves.toBeDefined();
  });
});
