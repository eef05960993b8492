/**
 * Whether this server can serve the record (issue 20, item 3), for a load
 * balancer's readiness probe (/readyz): the database answers within a couple of
 * seconds and every migration this build carries has been applied. The process
 * being up at all is /healthz, which needs nothing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { db } from "../db.server";

export interface Readiness {
  ready: boolean;
  detail: string;
}

const JOURNAL = path.resolve(process.cwd(), "db", "migrations", "meta", "_journal.json");

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export async function readiness(timeoutMs = 2_000): Promise<Readiness> {
  const expected = (JSON.parse(await readFile(JOURNAL, "utf8")) as { entries: unknown[] }).entries.length;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
    timer.unref();
  });
  try {
    const answer = await Promise.race([
      db().execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`),
      timeout,
    ]);
    if (answer === "timeout") return { ready: false, detail: `The database did not answer within ${timeoutMs} ms.` };
    const applied = rowsOf<{ applied: number }>(answer)[0]?.applied ?? 0;
    if (applied < expected) return { ready: false, detail: `Migrations not current: ${applied} of ${expected} applied.` };
    return { ready: true, detail: `Database reachable; ${applied} migrations applied.` };
  } catch {
    return { ready: false, detail: "The database cannot be reached." };
  } finally {
    clearTimeout(timer);
  }
}
