/**
 * Several app servers starting together each import content/ at once. Under the
 * start-up advisory lock they take turns: one imports, the others find nothing
 * to do. Without the lock, both transactions would see no records, both would
 * write, and every record would be audited twice. (Its own file, so its own
 * fresh database.)
 */
import path from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import { auditLog, organisations, questions } from "../../db/schema";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const quiet = () => {};

describe("importContent run by several servers at once", () => {
  it("imports each record once", async () => {
    const results = await Promise.all([1, 2, 3].map(() => importContent({ directory: CONTENT, log: quiet })));
    const imported = results.map((r) => r.imported).sort((a, b) => b - a);
    const total = results[0].imported + results[0].unchanged;
    expect(total).toBe(63);
    // One run did the work; the others found it done.
    expect(imported).toEqual([total, 0, 0]);
    const [{ n: audits }] = await db().select({ n: count() }).from(auditLog);
    expect(audits).toBe(total);
    const [{ n: orgs }] = await db().select({ n: count() }).from(organisations);
    expect(orgs).toBe(3);
    const [{ n: qs }] = await db().select({ n: count() }).from(questions);
    expect(qs).toBe(12);
  });
});
