/**
 * Runs once before all test files. Migrating a fresh database in every test file
 * costs seconds each; instead one database is migrated here and every test file
 * starts from a copy of it:
 * - embedded: a dump of a migrated PGlite (PGLITE_SNAPSHOT, each worker's in-memory database
 *   starts from it: support/embedded-database.ts);
 * - PostgreSQL: a migrated template database (PORTAL_TEST_TEMPLATE, copied once per worker by
 *   `create database ... template` in support/database.ts), dropped at the end with the copies.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../db/migrations");

export default async function setup() {
  if (process.env.DATABASE_URL) return postgresTemplate(process.env.DATABASE_URL);
  const client = new PGlite();
  await migrate(drizzle(client, { casing: "snake_case" }), {
    migrationsFolder: MIGRATIONS,
  });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(os.tmpdir(), `portal-pglite-snapshot-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.PGLITE_SNAPSHOT = file;
  return () => fs.rmSync(file, { force: true });
}

async function postgresTemplate(base: string) {
  const name = `portal_test_template_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  // Closed before any copy is made: a template must have no other connection.
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzlePostgres(client, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end();
  }
  process.env.PORTAL_TEST_TEMPLATE = name;
  // Each worker's copy is named after this run (support/database.ts, copyName), and dropped here.
  const run = String(process.pid);
  process.env.PORTAL_TEST_RUN = run;
  return async () => {
    const again = postgres(base, { max: 1, onnotice: () => {} });
    try {
      const copies = await again<{ datname: string }[]>`
        select datname from pg_database where starts_with(datname, ${`portal_test_${run}_`})`;
      for (const { datname } of copies) await again.unsafe(`drop database if exists "${datname}" with (force)`);
      await again.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await again.end();
    }
  };
}
