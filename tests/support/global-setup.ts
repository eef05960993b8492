/**
 * Runs once before all test files. On the embedded database, migrating a fresh
 * PGlite in every test file costs seconds each; instead one migrated database is
 * dumped to a file here and every test file starts from a copy of it
 * (PGLITE_SNAPSHOT, read by app/db.server.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const client = new PGlite();
  await migrate(drizzle(client, { casing: "snake_case" }), {
    migrationsFolder: path.resolve(import.meta.dirname, "../../db/migrations"),
  });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(os.tmpdir(), `portal-pglite-snapshot-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.PGLITE_SNAPSHOT = file;
  return () => fs.rmSync(file, { force: true });
}
