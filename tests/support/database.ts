/**
 * A fresh, migrated database for one test file (or one process, for the browser tests): on
 * PostgreSQL a new database; embedded, the worker's in-memory one, emptied since its last file.
 * The database module reads DATABASE_URL / PGLITE_DIR lazily, so setting them here,
 * before anything touches the database, points the whole app at the fresh one.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { lendWorkerDatabase } from "./embedded-database";

let created: { adminUrl: string; name: string } | undefined;

export async function useFreshDatabase() {
  const base = process.env.DATABASE_URL;
  if (base) {
    const url = new URL(base);
    const name = `portal_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    // A copy of the migrated template (tests/support/global-setup.ts) where there is one.
    const template = process.env.PORTAL_TEST_TEMPLATE;
    try {
      await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
    } finally {
      await admin.end();
    }
    created = { adminUrl: base, name };
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    process.env.PGLITE_DIR = "memory://";
    if (process.env.PGLITE_SNAPSHOT) await lendWorkerDatabase();
  }
  process.env.CONTENT_IMPORT_ON_START = "false";
  const { resetEnvForTests } = await import("~/env.server");
  resetEnvForTests();
  // The worker's in-memory PGlite is migrated already (support/embedded-database.ts).
  if (!created && process.env.PGLITE_SNAPSHOT) return;
  if (created && process.env.PORTAL_TEST_TEMPLATE) return;
  const { migrateDatabase } = await import("~/db.server");
  await migrateDatabase();
}

export async function dropFreshDatabase() {
  const { closeDatabase } = await import("~/db.server");
  await closeDatabase();
  if (created) {
    const admin = postgres(created.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${created.name}" with (force)`);
    } finally {
      await admin.end();
    }
    process.env.DATABASE_URL = created.adminUrl;
    created = undefined;
  }
}
